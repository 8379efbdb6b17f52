// The body an endpoint receives. Messages are stored in the current format; an endpoint set to the legacy bot
// format gets bot.<status> messages as `bot.status_change` (api-contract §6.1).

interface CurrentBotData {
  data?: { code?: unknown; sub_code?: unknown; updated_at?: unknown };
  bot?: { id?: unknown };
}

export function bodyForEndpoint(body: string, event: string, format: 'current' | 'legacy'): string {
  if (format !== 'legacy' || !event.startsWith('bot.')) return body;
  const parsed = JSON.parse(body) as { data: CurrentBotData };
  const d = parsed.data;
  return JSON.stringify({
    event: 'bot.status_change',
    data: {
      bot_id: d.bot?.id ?? null,
      status: { code: d.data?.code ?? event.slice(4), created_at: d.data?.updated_at ?? null, message: null, sub_code: d.data?.sub_code ?? null },
    },
  });
}
