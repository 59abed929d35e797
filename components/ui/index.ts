export * from './alert';
export * from './badge';
export * from './button';
export * from './card';
export * from './cn';
export * from './field';
export * from './progress-bar';
export * from './side-nav';
