// Baseline for bench/CancelJobs.Bench: cancels IoT job executions on the emulator with the official
// AWS SDK for JavaScript v3 (@aws-sdk/client-iot), `concurrency` requests in flight, and prints one JSON line.
//   node cancel.mjs --endpoint http://127.0.0.1:PORT --job-id JOB --prefix thing- --count N --concurrency L [--warmup-job-id J --warmup-count W]
//                   [--retry-mode standard|adaptive] [--max-attempts 3]
// Thing names are `${prefix}${i}` with i zero-padded to 6 digits, i = 1..count (the bench seeds the same names).
import { IoTClient, CancelJobExecutionCommand } from "@aws-sdk/client-iot";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const endpoint = args.endpoint;
const jobId = args["job-id"];
const prefix = args.prefix ?? "thing-";
const count = Number(args.count);
const concurrency = Number(args.concurrency);
const warmupJobId = args["warmup-job-id"];
const warmupCount = Number(args["warmup-count"] ?? 0);
if (!endpoint || !jobId || !(count > 0) || !(concurrency > 0)) {
  console.error("usage: node cancel.mjs --endpoint URL --job-id JOB --count N --concurrency L");
  process.exit(2);
}

const client = new IoTClient({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
  maxAttempts: Number(args["max-attempts"] ?? 3),
  retryMode: args["retry-mode"] ?? "standard",
});

const name = (i) => `${prefix}${String(i).padStart(6, "0")}`;

async function run(job, n) {
  let next = 1;
  let ok = 0;
  let failed = 0;
  let firstError;
  async function worker() {
    while (next <= n) {
      const i = next++;
      try {
        await client.send(new CancelJobExecutionCommand({ jobId: job, thingName: name(i) }));
        ok++;
      } catch (error) {
        failed++;
        firstError ??= `${error.name}: ${error.message}`;
      }
    }
  }
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { ok, failed, seconds, firstError };
}

if (warmupJobId && warmupCount > 0) await run(warmupJobId, warmupCount);
const result = await run(jobId, count);
const rss = process.memoryUsage().rss;
console.log(JSON.stringify({ ...result, rate: result.ok / result.seconds, peakRssBytes: process.resourceUsage().maxRSS * 1024, rssBytes: rss }));
client.destroy();
