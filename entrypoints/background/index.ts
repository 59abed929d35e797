export default defineBackground(() => {
  console.info('Skulink background started');
});
