export const SEND_EVENT_CURL = `curl -X POST http://localhost:3000/api/v1/events \\
  -H "Authorization: Bearer $SPENDLINE_KEY" -H "Content-Type: application/json" \\
  -d '[{"id":"evt-1","timestamp":"2026-11-22T10:00:00Z","feature":"chatbot_v2",
        "team":"support","model":"gpt-4o-2024-08-06","session_id":"s-1",
        "usage":{"input_tokens":1200,"output_tokens":300},"outcome":"success"}]'`;
