import type { TestUser } from './botApiTypes.ts';

/** Builders of the updates a test feeds to the stand-in (update_id is assigned by the stand-in). */

/** The `from` and `chat` objects Telegram would send for `user`. */
export function userObjects(user: TestUser): { from: Record<string, unknown>; chat: Record<string, unknown> } {
  const userId = user.userId ?? user.chatId;
  const chatType = user.chatType ?? (userId === user.chatId ? 'private' : 'group');
  const from = {
    id: userId,
    is_bot: false,
    first_name: user.firstName ?? `user${userId}`,
    ...(user.username !== undefined ? { username: user.username } : {}),
    language_code: 'ko',
  };
  const chat =
    chatType === 'private'
      ? { id: user.chatId, type: 'private', first_name: from.first_name }
      : { id: user.chatId, type: chatType, title: `chat${user.chatId}` };
  return { from, chat };
}

/**
 * A text message from `user`. A leading `/command` (with an optional `@botname`) gets the bot_command entity that
 * Telegram adds and telegraf's `command()` matches on.
 */
export function textMessage(
  user: TestUser,
  text: string,
  messageId: number,
  date: number,
): { message: Record<string, unknown> } {
  const { from, chat } = userObjects(user);
  const command = /^\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?/.exec(text);
  const entities = command ? [{ type: 'bot_command', offset: 0, length: command[0].length }] : undefined;
  return {
    message: {
      message_id: messageId,
      from,
      chat,
      date,
      text,
      ...(entities ? { entities } : {}),
    },
  };
}

/** A press on an inline button: `message` is the bot's message carrying it, when it exists. */
export function callbackQuery(
  user: TestUser,
  data: string,
  id: string,
  message: Record<string, unknown> | undefined,
): { callback_query: Record<string, unknown> } {
  const { from } = userObjects(user);
  return {
    callback_query: {
      id,
      from,
      chat_instance: `ci${user.chatId}`,
      data,
      ...(message ? { message } : {}),
    },
  };
}
