// Loaded into the product's process by the benchmarks (`node --import ./scripts/bench/process-probe.mjs ...`,
// with an IPC channel): answers the parent's messages with process.memoryUsage() ('memory'), and starts or
// stops a V8 CPU profile of this process ('profile-start', 'profile-stop' → the .cpuprofile as JSON text),
// so the profile covers only the load the benchmark applies. Not part of the product.
import { Session } from 'node:inspector/promises';

if (process.send) {
  const session = new Session();
  process.on('message', async (message) => {
    try {
      if (message === 'memory') {
        if (global.gc) global.gc();
        process.send({ memory: process.memoryUsage() });
      } else if (message === 'profile-start') {
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 200 });
        await session.post('Profiler.start');
        process.send({ profiling: true });
      } else if (message === 'profile-stop') {
        const { profile } = await session.post('Profiler.stop');
        session.disconnect();
        process.send({ profile: JSON.stringify(profile) });
      }
    } catch (error) {
      process.send({ error: String(error) });
    }
  });
  // The channel must not keep the product alive on its own.
  process.channel?.unref();
}
