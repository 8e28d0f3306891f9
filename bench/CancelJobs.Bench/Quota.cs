using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using CancelJobs.Emulator;
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
        await TwoProcessesAsync(20, 16, options.Quick ? 100 : 300);
        await QuotaDropAsync(16, options.Quick ? 300 : 900);
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
        var row = new Row("q", $"two module processes sharing one quota of {rate:0.#}/s (together)", limit, 2 * each, results.Sum(r => r.Ok), results.Sum(r => r.Failed),
            results.Max(r => r.Seconds), results.Max(r => r.PeakRssBytes), results.Max(r => r.PeakGcHeapBytes),
            $"each: {string.Join(", ", results.Select(r => $"{r.Ok} ok in {r.Seconds:0.0} s"))}; {canceled} accepted by the service");
        rows.Add(row);
        double ratio = row.Rate / rate;
        bool pass = row.Failed == 0 && ratio >= 0.85;
        quotaLines.Add($"| two module processes, one quota | {rate:0.#} | {limit} ×2 | {row.Items} | {row.Failed} | {row.Rate:0.0} | {ratio:0.00} | {Throttles()} | yes | {(pass ? "meets (≥ 0.85)" : "**misses** (≥ 0.85)")} |");
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
