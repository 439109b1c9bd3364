// The floor Worker (see wrangler.toml beside it). Its vars, set by `./x bench edge`, hold the
// carrier calls one quote made (`CALLS`: `[{ url, method, headers, body }]`) and the size of the
// edge's answer to it (`ANSWER_BYTES`). A POST is the edge's request: it reads the body, sends
// every call at once, reads every answer to its end, as the edge does, and answers with as many
// bytes of JSON as the edge did, so both take the same in and send the same back through
// wrangler dev's proxy. GET answers at once, so the start can be awaited like the edge's.
let calls;
let answer;

export default {
  async fetch(request, env) {
    if (request.method !== 'POST') return new Response('ok');
    calls ??= JSON.parse(env.CALLS);
    answer ??= `["${'x'.repeat(Math.max(0, Number(env.ANSWER_BYTES) - 4))}"]`;
    await request.text();
    await Promise.all(calls.map(async ({ url, method, headers, body }) => {
      const response = await fetch(url, { method, headers, body });
      await response.arrayBuffer();
    }));
    return new Response(answer, { headers: { 'content-type': 'application/json' } });
  },
};
