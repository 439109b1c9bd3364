// The floor Worker (see wrangler.toml beside it). A POST body lists the carrier calls one quote
// made (`[{ url, method, headers, body }]`); it sends them all at once, reads every answer to its
// end, as the edge does, and says how many bytes came back. GET answers at once, so `wrangler
// dev`'s start can be awaited like the edge's.
export default {
  async fetch(request) {
    if (request.method !== 'POST') return new Response('ok');
    const calls = await request.json();
    const sizes = await Promise.all(calls.map(async ({ url, method, headers, body }) => {
      const answer = await fetch(url, { method, headers, body });
      return (await answer.arrayBuffer()).byteLength;
    }));
    return Response.json({ bytes: sizes.reduce((sum, size) => sum + size, 0) });
  },
};
