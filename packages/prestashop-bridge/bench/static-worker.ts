/**
 * The control: a server that answers every call after the same latency and does nothing else. What the
 * bridge's client reaches against it is the best this machine allows (its CPU shared with whatever else
 * runs); the fake's row is read against it.
 */
import { createServer } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { latencyMs } = workerData as { latencyMs: number };
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () =>
    setTimeout(() => {
      response.writeHead(200, { 'content-type': 'application/json', 'psws-version': '8.1.7' });
      response.end('{"stock_available":{"id":1,"quantity":"3"}}');
    }, latencyMs),
  );
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  parentPort?.postMessage({ port: typeof address === 'object' && address ? address.port : 0 });
});
