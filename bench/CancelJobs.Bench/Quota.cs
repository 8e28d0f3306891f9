using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using CancelJobs.Emulator;
using CancelJobs.Emulator.Control;
using CancelJobs.Emulator.Seeding;
using CancelJobs.Emulator.Services.IoT;

namespace CancelJobs.Bench;

/// <summary>
/// Section q: the module with default settings under an emulated AWS quota (token bucket per account and operation,
/// burst = one second's worth), at every -ThrottleLimit; the JS SDK's adaptive mode beside it; two processes sharing
/// one quota; a quota that drops and comes back mid-run. Each module row runs in a fresh child process, so nothing
/// learned about one quota carries into the next row (inside one process, learning is shared on purpose).
/// </summary>
internal sealed partial class Bench
{
    private static readonly double[] QuotaRates = { 5, 10, 50, 200 };
    private static readonly int[] QuotaLimits = { 1, 4, 16, 64 };
    private readonly List<string> quotaLines = new();

    private int QuotaItems(double rate, int limit)
    {
        int items = rate switch { <= 5 => 60, <= 10 => 120, <= 50 => 600, _ => 2000 };
        if (limit == 1) items = Math.Min(items, 300); // one at a time cannot reach the higher quotas anyway
        return options.Quick ? Math.Max(20, items / 4) : items;
    }

    private async Task QuotaRowsAsync()
    {
        if (options.QuotaRows.Contains("low"))
        {
            foreach (double rate in LowQuotaRates) await LowQuotaRowAsync(rate, 4);
        }
        if (options.QuotaRows.Contains("noise")) await RandomThrottleRowsAsync(0.2, 4, options.Quick ? 100 : 200);
        if (options.QuotaRows.Contains("two")) await TwoProcessesAsync(20, 16, options.Quick ? 100 : 300);
        if (!options.QuotaRows.Contains("base")) return;
        foreach (double rate in QuotaRates)
        {
            foreach (int limit in QuotaLimits)
            {
                int n = QuotaItems(rate, limit);
                using ChildProcess child = await StartWarmModuleChildAsync();
                Prepare(n, warmup: 0);
                SetQuota(rate);
                ClientResult r = await RunModuleAsync(child, new ModuleRun(JobId, Prefix, n, limit, null, null));
                Row row = Record($"q-{rate}@{limit}", new Row("q", $"module, defaults (quota {rate:0.#}/s)", limit, n, r.Ok, r.Failed, r.Seconds, r.PeakRssBytes, r.PeakGcHeapBytes, First(r.FirstError)), n);
                AddQuotaLine($"module `-ThrottleLimit {limit}`", rate, row, Throttles());
            }
            await JsAdaptiveRowAsync(rate, 16);
        }
        await QuotaDropAsync(16, options.Quick ? 300 : 900);
    }

    private static readonly double[] LowQuotaRates = { 0.5, 1, 2 };

    /// <summary>
    /// A quota of R/s with a burst of 1, about 30 s of items at default settings (-ThrottleLimit 4), in a fresh
    /// process. Sustained is measured from the first throttled answer to the last success, so the burst does not flatter it.
    /// </summary>
    private async Task LowQuotaRowAsync(double rate, int limit)
    {
        int n = (int)Math.Round(rate * (options.Quick ? 10 : 30)) + 1;
        using ChildProcess child = await StartWarmModuleChildAsync();
        Prepare(n, warmup: 0);
        emulator!.State.Faults = new FaultSettings { LatencyMs = options.LatencyMs, RequestsPerSecond = rate, Burst = 1 };
        ClientResult r = await RunModuleAsync(child, new ModuleRun(JobId, Prefix, n, limit, null, null));
        var log = emulator.State.Requests.Where(e => e.Operation == "CancelJobExecution").OrderBy(e => e.Answered).ToList();
        var firstThrottle = log.FirstOrDefault(e => e.ErrorCode == "ThrottlingException");
        var successes = log.Where(e => e.StatusCode == 200).ToList();
        double sustained = 0, longestWait = 0;
        int mostThrottles = 0;
        if (firstThrottle != null && successes.Count > 0)
        {
            var after = successes.Where(e => e.Answered > firstThrottle.Answered).ToList();
            double span = (successes[^1].Answered - firstThrottle.Answered).TotalSeconds;
            sustained = span > 0 ? after.Count / span : 0;
            foreach (var item in log.GroupBy(e => e.Path))
            {
                var throttled = item.Where(e => e.ErrorCode == "ThrottlingException").ToList();
                mostThrottles = Math.Max(mostThrottles, throttled.Count);
                var done = item.FirstOrDefault(e => e.StatusCode == 200);
                if (throttled.Count > 0 && done != null)
                    longestWait = Math.Max(longestWait, (done.Answered - throttled[0].Answered).TotalSeconds);
            }
        }
        Row row = Record($"q-low-{rate}", new Row("q", $"module, defaults (quota {rate:0.#}/s, burst 1)", limit, n, r.Ok, r.Failed, r.Seconds, r.PeakRssBytes, r.PeakGcHeapBytes,
            $"{sustained:0.000}/s from the first throttle; an item throttled at most {mostThrottles}×, waited at most {longestWait:0.0} s from its first throttle. {First(r.FirstError)}"), n);
        double ratio = sustained / rate;
        bool pass = row.Failed == 0 && ratio >= 0.9;
        quotaLines.Add($"| module `-ThrottleLimit {limit}`, burst 1 (from the first throttle) | {rate:0.#} | {limit} | {n} | {row.Failed} | {sustained:0.00} | {ratio:0.00} | {Throttles()} | yes | {(pass ? "meets" : "**misses**")} |");
    }

    /// <summary>
    /// No quota, but a share of requests refused at random (the emulator's throttleRate): the module with and without
    /// them, and the JS SDK's adaptive mode with them. Target: within 2× the time without, and no slower than the JS SDK.
    /// </summary>
    private async Task RandomThrottleRowsAsync(double share, int limit, int n)
    {
        using ChildProcess child = await StartWarmModuleChildAsync();
        Prepare(n, warmup: 0);
        ClientResult clean = await RunModuleAsync(child, new ModuleRun(JobId, Prefix, n, limit, null, null));
        Row cleanRow = Record("q-noise-none", new Row("q", "module, defaults, no throttles (baseline for the next rows)", limit, n, clean.Ok, clean.Failed, clean.Seconds, clean.PeakRssBytes, clean.PeakGcHeapBytes, First(clean.FirstError)), n);

        using ChildProcess fresh = await StartWarmModuleChildAsync();
        Prepare(n, warmup: 0);
        emulator!.State.Faults = new FaultSettings { LatencyMs = options.LatencyMs, ThrottleRate = share };
        ClientResult noisy = await RunModuleAsync(fresh, new ModuleRun(JobId, Prefix, n, limit, null, null));
        int moduleThrottles = Throttles();
        Row noisyRow = Record("q-noise", new Row("q", $"module, defaults, {share:P0} of requests throttled at random (no quota)", limit, n, noisy.Ok, noisy.Failed, noisy.Seconds, noisy.PeakRssBytes, noisy.PeakGcHeapBytes,
            $"{noisy.Seconds / Math.Max(clean.Seconds, 0.001):0.00}× the time without; {moduleThrottles} throttled answers. {First(noisy.FirstError)}"), n);

        string js = await EnsureJsInstalledAsync();
        Prepare(n);
        emulator.State.Faults = new FaultSettings { LatencyMs = options.LatencyMs, ThrottleRate = share };
        using ChildProcess node = ChildProcess.Start("node", new[] { "cancel.mjs", "--endpoint", emulator.BaseUri.ToString().TrimEnd('/'), "--job-id", JobId,
            "--prefix", Prefix, "--count", n.ToString(CultureInfo.InvariantCulture), "--concurrency", limit.ToString(CultureInfo.InvariantCulture),
            "--retry-mode", "adaptive" }, js);
        string line = await node.WaitForLineAsync("{", RunTimeout);
        using JsonDocument doc = JsonDocument.Parse(line);
        JsonElement e = doc.RootElement;
        string? error = e.TryGetProperty("firstError", out JsonElement fe) && fe.ValueKind == JsonValueKind.String ? fe.GetString() : null;
        double jsSeconds = e.GetProperty("seconds").GetDouble();
        Row jsRow = Record("q-noise-js", new Row("q", $"JS SDK v3 `retryMode: adaptive`, {share:P0} throttled at random (no quota)", limit, n, e.GetProperty("ok").GetInt32(),
            e.GetProperty("failed").GetInt32(), jsSeconds, e.GetProperty("peakRssBytes").GetInt64(), -1, $"{jsSeconds / Math.Max(clean.Seconds, 0.001):0.00}× the module's time without; {Throttles()} throttled answers. {First(error)}"), n);

        double slowdown = noisy.Seconds / Math.Max(clean.Seconds, 0.001);
        bool pass = noisy.Failed == 0 && slowdown <= 2 && noisy.Seconds <= jsSeconds;
        quotaLines.Add($"| module, {share:P0} random throttles, no quota | none | {limit} | {n} | {noisyRow.Failed} | {noisyRow.Rate:0.0} | {slowdown:0.00}× the time without ({cleanRow.Seconds:0.00} s) | {moduleThrottles} | no | {(pass ? "meets (≤ 2×, ≤ JS)" : "**misses** (≤ 2×, ≤ JS)")} |");
        quotaLines.Add($"| JS SDK v3 adaptive, {share:P0} random throttles | none | {limit} | {n} | {jsRow.Failed} | {jsRow.Rate:0.0} | {jsSeconds / Math.Max(clean.Seconds, 0.001):0.00}× | {Throttles()} | no | (reference) |");
    }

    private void SetQuota(double? rate) =>
        emulator!.State.Faults = new FaultSettings { LatencyMs = options.LatencyMs, RequestsPerSecond = rate };

    private int Throttles() => emulator!.State.Requests.Count(e => e.ErrorCode == "ThrottlingException");

    private void AddQuotaLine(string client, double rate, Row row, int throttles, bool reference = false)
    {
        double ratio = row.Rate / rate;
        // The quota binds when the service had to refuse something: otherwise the client's own concurrency was the limit.
        bool binding = throttles > 0;
        bool pass = row.Failed == 0 && (!binding || ratio >= 0.9);
        string verdict = reference ? "(reference)" : pass ? "meets" : "**misses**";
        quotaLines.Add($"| {client} | {rate:0.#} | {row.Concurrency} | {row.Items} | {row.Failed} | {row.Rate:0.0} | {ratio:0.00} | {throttles} | {(binding ? "yes" : "no")} | {verdict} |");
    }

    private async Task JsAdaptiveRowAsync(double rate, int limit)
    {
        int n = QuotaItems(rate, limit);
        string js = await EnsureJsInstalledAsync();
        Prepare(n);
        SetQuota(rate);
        using ChildProcess node = ChildProcess.Start("node", new[] { "cancel.mjs", "--endpoint", emulator!.BaseUri.ToString().TrimEnd('/'), "--job-id", JobId,
            "--prefix", Prefix, "--count", n.ToString(CultureInfo.InvariantCulture), "--concurrency", limit.ToString(CultureInfo.InvariantCulture),
            "--retry-mode", "adaptive" }, js);
        string line = await node.WaitForLineAsync("{", RunTimeout);
        using JsonDocument doc = JsonDocument.Parse(line);
        JsonElement e = doc.RootElement;
        string? error = e.TryGetProperty("firstError", out JsonElement fe) && fe.ValueKind == JsonValueKind.String ? fe.GetString() : null;
        Row row = Record($"q-js-{rate}@{limit}", new Row("q", $"JS SDK v3 `retryMode: adaptive` (quota {rate:0.#}/s)", limit, n, e.GetProperty("ok").GetInt32(),
            e.GetProperty("failed").GetInt32(), e.GetProperty("seconds").GetDouble(), e.GetProperty("peakRssBytes").GetInt64(), -1, First(error)), n);
        AddQuotaLine("JS SDK v3 adaptive", rate, row, Throttles(), reference: true);
    }

    /// <summary>Two module processes with the same access key, so they draw from one bucket.</summary>
    private async Task TwoProcessesAsync(double rate, int limit, int each)
    {
        using ChildProcess first = await StartWarmModuleChildAsync();
        using ChildProcess second = await StartWarmModuleChildAsync();
        EmulatorState state = emulator!.State;
        state.Reset();
        state.Seed(new SeedDocument
        {
            Iot = new[] { "a-", "b-" }.SelectMany(prefix => Enumerable.Range(1, each).Select(i =>
                new IoTSeed { JobId = JobId, ThingName = Children.ThingName(prefix, i), Status = "QUEUED" })).ToList(),
        });
        SetQuota(rate);
        Task<ClientResult> a = RunModuleAsync(first, new ModuleRun(JobId, "a-", each, limit, null, null));
        Task<ClientResult> b = RunModuleAsync(second, new ModuleRun(JobId, "b-", each, limit, null, null));
        ClientResult[] results = await Task.WhenAll(a, b);
        int canceled = state.Requests.Count(e => e.Operation == "CancelJobExecution" && e.StatusCode == 200);
        // Each one's share while both were running: its successes up to the moment the first one finished.
        var accepted = state.Requests.Where(e => e.Operation == "CancelJobExecution" && e.StatusCode == 200).OrderBy(e => e.Answered).ToList();
        double[] shares = new double[2];
        if (accepted.Count > 0)
        {
            DateTimeOffset start = state.Requests.Min(e => e.Time);
            DateTimeOffset firstDone = new[] { "a-", "b-" }.Select(p => accepted.Where(e => e.Path.Contains("/" + p, StringComparison.Ordinal)).Select(e => e.Answered).DefaultIfEmpty(start).Max()).Min();
            double both = Math.Max((firstDone - start).TotalSeconds, 0.001);
            shares = new[] { "a-", "b-" }.Select(p => accepted.Count(e => e.Answered <= firstDone && e.Path.Contains("/" + p, StringComparison.Ordinal)) / both).ToArray();
        }
        var row = new Row("q", $"two module processes sharing one quota of {rate:0.#}/s (together)", limit, 2 * each, results.Sum(r => r.Ok), results.Sum(r => r.Failed),
            results.Max(r => r.Seconds), results.Max(r => r.PeakRssBytes), results.Max(r => r.PeakGcHeapBytes),
            $"each: {string.Join(", ", results.Select(r => $"{r.Ok} ok in {r.Seconds:0.0} s"))}; {canceled} accepted by the service");
        rows.Add(row);
        double ratio = row.Rate / rate;
        bool pass = row.Failed == 0 && ratio >= 0.85 && shares.All(x => x >= 0.4 * rate);
        quotaLines.Add($"| two module processes, one quota (shares while both ran: {shares[0]:0.0}/s and {shares[1]:0.0}/s = {shares[0] / rate:0.00}·R and {shares[1] / rate:0.00}·R) | {rate:0.#} | {limit} ×2 | {row.Items} | {row.Failed} | {row.Rate:0.0} | {ratio:0.00} | {Throttles()} | yes | {(pass ? "meets (≥ 0.85 together, ≥ 0.4·R each)" : "**misses** (≥ 0.85 together, ≥ 0.4·R each)")} |");
    }

    /// <summary>50/s, then 10/s from 5 s to 15 s, then 50/s again; compared with the fastest the schedule allows.</summary>
    private async Task QuotaDropAsync(int limit, int n)
    {
        using ChildProcess child = await StartWarmModuleChildAsync();
        Prepare(n, warmup: 0);
        SetQuota(50);
        Task<ClientResult> running = RunModuleAsync(child, new ModuleRun(JobId, Prefix, n, limit, null, null));
        Task schedule = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            SetQuota(10);
            await Task.Delay(TimeSpan.FromSeconds(10));
            SetQuota(50);
        });
        ClientResult r = await running;
        await schedule;
        // The schedule admits a burst of 50, then 50/s for 5 s, 10/s for 10 s, 50/s after that.
        double ideal = n <= 300 ? Math.Max(0, (n - 50) / 50.0) : n <= 400 ? 5 + (n - 300) / 10.0 : 15 + (n - 400) / 50.0;
        Row row = Record("q-drop", new Row("q", "module, defaults, quota 50 → 10 (5–15 s) → 50/s", limit, n, r.Ok, r.Failed, r.Seconds, r.PeakRssBytes, r.PeakGcHeapBytes,
            $"fastest the schedule allows: {ideal:0.0} s"), n);
        double ratio = ideal / r.Seconds;
        quotaLines.Add($"| module, quota 50 → 10 → 50 | 50/10/50 | {limit} | {n} | {row.Failed} | {row.Rate:0.0} | {ratio:0.00} of the schedule's best | {Throttles()} | yes | {(row.Failed == 0 && ratio >= 0.9 ? "meets" : "**misses**")} |");
    }

    private async Task<ChildProcess> StartWarmModuleChildAsync()
    {
        ChildProcess child = ChildProcess.StartSelf("--child", "module", "--endpoint", emulator!.BaseUri.ToString());
        await child.WaitForLineAsync("READY", TimeSpan.FromMinutes(2));
        // JIT the send path once, with no quota, so nothing is learned before the measured row.
        Prepare(0);
        await RunModuleAsync(child, new ModuleRun(WarmupJobId, Prefix, WarmupItems, 16, null, null));
        return child;
    }

    private static async Task<ClientResult> RunModuleAsync(ChildProcess child, ModuleRun run)
    {
        child.Send(JsonSerializer.Serialize(run, Children.Json));
        return await child.ResultAsync<ClientResult>(RunTimeout);
    }

    private void RenderQuota(StringBuilder s)
    {
        if (quotaLines.Count == 0) return;
        s.AppendLine();
        s.AppendLine($"Quota (q): emulated AWS quota, a token bucket per account and operation with a burst of one second's worth, {options.LatencyMs} ms latency; " +
                     "module with default settings (`-Force -ThrottleLimit L`, nothing else). Sustained = items that succeeded ÷ time of the whole pipeline; " +
                     "the bucket's initial burst (1 s worth) counts, so a client that keeps the quota busy all the time scores about 1.08 on these row sizes.");
        s.AppendLine();
        s.AppendLine("| client | quota R/s | L | items | failed | sustained/s | ÷ R | throttled answers | quota binding | target (0 failed; ≥ 0.9·R where binding) |");
        s.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|---|---|");
        foreach (string line in quotaLines) s.AppendLine(line);
    }
}
