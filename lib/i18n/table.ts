import type { MessageTable } from './core';
import { commonMessages } from './messages/common';
import { overlayMessages } from './messages/overlay';

/** Every message of the extension. Each area keeps its own file; keys are unique across them. */
export const allMessages = {
  ...commonMessages,
  ...overlayMessages,
} satisfies MessageTable;
