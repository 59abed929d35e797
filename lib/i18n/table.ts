import type { MessageTable } from './core';
import { commonMessages } from './messages/common';
import { overlayMessages } from './messages/overlay';
import { optionsMessages } from './messages/options';
import { popupMessages } from './messages/popup';
import { syncUiMessages } from './messages/sync-ui';
import { ordersMessages } from './messages/orders';
import { catalogMessages } from './messages/catalog';
import { rulesMessages } from './messages/rules';

/** Every message of the extension. Each area keeps its own file; keys are unique across them. */
export const allMessages = {
  ...commonMessages,
  ...overlayMessages,
  ...optionsMessages,
  ...popupMessages,
  ...syncUiMessages,
  ...ordersMessages,
  ...catalogMessages,
  ...rulesMessages,
} satisfies MessageTable;
