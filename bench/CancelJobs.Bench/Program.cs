using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
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
/// CancelJobs bench. The emulator runs in this process; every client (the module in a hosted PowerShell 7.6
/// engine, the raw SigV4 HttpClient floor, the AWS SDK for JavaScript v3) runs in a child process, so each
/// client's memory is its own — but all of them share the machine's cores with the emulator.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length > 1 && args[0] == "--child") return Children.Run(args);

        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine(error.Message);
            Console.Error.WriteLine(Options.Usage);
            return 2;
        }
        if (!File.Exists(Paths.ModuleManifest))
        {
            Console.Error.WriteLine($"{Paths.ModuleManifest} is missing: build the module first (dotnet build -c Release src/CancelJobs), or run the bench through `dotnet run`, which builds it.");
            return 1;
        }
        var bench = new Bench(options);
        return await bench.RunAsync();
    }
}

internal sealed class Options
{
    public const string Usage =
        "dotnet run -c Release --project bench/CancelJobs.Bench -- [--items 5000] [--items-l1 300] [--latency-ms 20] [--rate-cap 200] " +
        "[--cap-items 2000] [--whatif-items 100000] [--whatif-huge 1000000] [--import-runs 5] [--only a,b,c,d,e,f,q,t] [--q-rows base,low,noise,two] [--quick] [--out file.md]";

    public int Items { get; private set; } = 5000;
    public int ItemsL1 { get; private set; } = 300;
    public int LatencyMs { get; private set; } = 20;
    public double RateCap { get; private set; } = 200;
    public int CapItems { get; private set; } = 2000;
    public int WhatIfItems { get; private set; } = 100_000;
    public int WhatIfSmall { get; private set; } = 1000;
    public int WhatIfHuge { get; private set; } = 1_000_000;
    public int ImportRuns { get; private set; } = 5;
    public bool Quick { get; private set; }
    public string Sections { get; private set; } = "abcdefqt";

    /// <summary>Which groups of section q run: base (R 5–200 and the JS SDK), low (R ≤ 2, burst 1), noise, two (processes).</summary>
    public string QuotaRows { get; private set; } = "base,low,noise,two";
    public string? Out { get; private set; }

    public static Options Parse(string[] args)
    {
        var o = new Options();
        var given = new HashSet<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException("Missing value for " + name);
            given.Add(name);
            switch (name)
            {
                case "--items": o.Items = Positive(Value(), name); break;
                case "--items-l1": o.ItemsL1 = Positive(Value(), name); break;
                case "--latency-ms": o.LatencyMs = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--rate-cap": o.RateCap = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--cap-items": o.CapItems = Positive(Value(), name); break;
                case "--whatif-items": o.WhatIfItems = Positive(Value(), name); break;
                case "--whatif-huge": o.WhatIfHuge = Positive(Value(), name); break;
                case "--import-runs": o.ImportRuns = Positive(Value(), name); break;
                case "--only": o.Sections = Value().Replace(",", "").ToLowerInvariant(); break;
                case "--q-rows": o.QuotaRows = Value().ToLowerInvariant(); break;
                case "--out": o.Out = Value(); break;
                case "--quick": o.Quick = true; break;
                default: throw new ArgumentException("Unknown argument " + name);
            }
        }
        if (o.Quick)
        {
            // Smoke-run sizes (CI): every row still runs, with small counts.
            if (!given.Contains("--items")) o.Items = 400;
            if (!given.Contains("--items-l1")) o.ItemsL1 = 40;
            if (!given.Contains("--cap-items")) o.CapItems = 300;
            if (!given.Contains("--whatif-items")) o.WhatIfItems = 20_000;
            if (!given.Contains("--whatif-huge")) o.WhatIfHuge = 100_000;
            if (!given.Contains("--import-runs")) o.ImportRuns = 1;
        }
        if (o.LatencyMs < 0 || o.RateCap <= 0) throw new ArgumentException("--latency-ms must be ≥ 0 and --rate-cap > 0.");
        return o;
    }

    private static int Positive(string value, string name) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : throw new ArgumentException(name + " must be a positive integer.");
}

/// <summary>One line of the results table.</summary>
internal sealed record Row(string Id, string What, int Concurrency, int Items, int Ok, int Failed, double Seconds, long PeakRssBytes, long PeakGcHeapBytes, string Notes)
{
    public double Rate => Seconds > 0 ? Ok / Seconds : 0;
}

internal sealed partial class Bench(Options options)
{
    private const string JobId = "bench-job";
    private const string WarmupJobId = "bench-warmup";
    private const string Prefix = "thing-";
    private const int WarmupItems = 64;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    private readonly List<Row> rows = new();
    private readonly List<string> ratios = new();
    private readonly List<string> warnings = new();
    private readonly Dictionary<string, Row> byKey = new();
    private EmulatorHost? emulator;
    private string loadBefore = "", loadAfter = "";

    private bool Section(char s) => options.Sections.Contains(s);

    public async Task<int> RunAsync()
    {
        var total = Stopwatch.StartNew();
        loadBefore = LoadAverage();
        await using (emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Quiet = true }))
        {
            Log($"emulator at {emulator.BaseUri} (in this process), latency {options.LatencyMs} ms, {Environment.ProcessorCount} cores");
            if (Section('a') || Section('d')) await ModuleRowsAsync();
            if (Section('b')) await RawRowsAsync();
            if (Section('c')) await JsRowsAsync();
            if (Section('q')) await QuotaRowsAsync();
            if (Section('t')) await CompletionRowsAsync();
        }
        if (Section('e')) await WhatIfRowsAsync();
        ImportResults? import = Section('f') ? await ImportAsync() : null;
        loadAfter = LoadAverage();
        ComputeRatios(import);
        string report = Render(import, total.Elapsed);
        Console.Out.Write(report);
        if (options.Out != null) await File.WriteAllTextAsync(options.Out, report);
        return 0;
    }

    // ---- emulator ----------------------------------------------------------------------------------------------

    /// <summary>Reset, seed N QUEUED executions (+ warm-up ones), then inject latency and the optional cap.</summary>
    private void Prepare(int count, double? cap = null, int warmup = WarmupItems)
    {
        EmulatorState state = emulator!.State;
        state.Reset();
        var items = new List<IoTSeed>(count + warmup);
        for (int i = 1; i <= count; i++) items.Add(new IoTSeed { JobId = JobId, ThingName = Children.ThingName(Prefix, i), Status = "QUEUED" });
        for (int i = 1; i <= warmup; i++) items.Add(new IoTSeed { JobId = WarmupJobId, ThingName = Children.ThingName(Prefix, i), Status = "QUEUED" });
        state.Seed(new SeedDocument { Iot = items });
        state.Faults = new FaultSettings { LatencyMs = options.LatencyMs, RequestsPerSecond = cap };
    }

    /// <summary>Executions of the measured job that really ended CANCELED, and throttling answers sent.</summary>
    private (int Canceled, int Throttled) Verify(int count)
    {
        EmulatorState state = emulator!.State;
        int canceled = Enumerable.Range(1, count).Count(i => state.FindIoTExecution(JobId, Children.ThingName(Prefix, i))?.Status == "CANCELED");
        int throttled = state.Requests.Count(r => r.ErrorCode is { } code && code.Contains("Throttl", StringComparison.Ordinal));
        return (canceled, throttled);
    }

    private Row Record(string key, Row row, int count)
    {
        var (canceled, throttled) = Verify(count);
        string notes = row.Notes;
        if (canceled != row.Ok) notes += $" emulator shows {canceled} CANCELED vs {row.Ok} reported ok!";
        if (throttled > 0) notes += $" {throttled} throttled answers (retried or failed).";
        row = row with { Notes = notes.Trim() };
        rows.Add(row);
        byKey[key] = row;
        Log($"{row.Id} {row.What} L={row.Concurrency}: {row.Ok}/{row.Items} ok, {row.Failed} failed, {row.Rate:0.0}/s {row.Notes}");
        return row;
    }

    // ---- a + d: the module --------------------------------------------------------------------------------------

    private async Task ModuleRowsAsync()
    {
        Log("starting the module child (PowerShell 7.6 engine + Import-Module out/CancelJobs)…");
        using ChildProcess child = ChildProcess.StartSelf("--child", "module", "--endpoint", emulator!.BaseUri.ToString());
        await child.WaitForLineAsync("READY", TimeSpan.FromMinutes(2));

        async Task<ClientResult> RunAsync(ModuleRun run)
        {
            child.Send(JsonSerializer.Serialize(run, Children.Json));
            return await child.ResultAsync<ClientResult>(RunTimeout);
        }

        // Warm-up: JIT the module's send path once (not measured).
        Prepare(0);
        await RunAsync(new ModuleRun(WarmupJobId, Prefix, WarmupItems, 16, null, null));

        if (Section('a'))
        {
            foreach (int limit in new[] { 1, 4, 16, 32 })
            {
                int n = limit == 1 ? Math.Min(options.ItemsL1, options.Items) : options.Items;
                Prepare(n, warmup: 0);
                ClientResult r = await RunAsync(new ModuleRun(JobId, Prefix, n, limit, null, null));
                Record($"module@{limit}", new Row("a", "module `Stop-IoTJobExecution -Force`", limit, n, r.Ok, r.Failed, r.Seconds, r.PeakRssBytes, r.PeakGcHeapBytes, First(r.FirstError)), n);
            }
        }

        if (Section('d'))
        {
            double cap = options.RateCap;
            int n = options.CapItems;
            const int limit = 16;
            var variants = new (string Key, string What, double? MaxRps, string? Retry)[]
            {
                ("cap-client", $"module `-MaxRequestsPerSecond {cap * 0.95:0.#}`", cap * 0.95, null),
                ("cap-adaptive", "module `-RetryMode Adaptive`", null, "Adaptive"),
                ("cap-both", $"module `-MaxRequestsPerSecond {cap * 0.95:0.#} -RetryMode Adaptive`", cap * 0.95, "Adaptive"),
                ("cap-none", "module, no client-side limit (reference)", null, null),
            };
            foreach (var v in variants)
            {
                Prepare(n, cap, warmup: 0);
                ClientResult r = await RunAsync(new ModuleRun(JobId, Prefix, n, limit, v.MaxRps, v.Retry));
                Record(v.Key, new Row("d", v.What + $" (server cap {cap:0.#}/s)", limit, n, r.Ok, r.Failed, r.Seconds, r.PeakRssBytes, r.PeakGcHeapBytes, First(r.FirstError)), n);
            }
        }
    }

    // ---- b: raw SigV4 HttpClient floor ---------------------------------------------------------------------------

    private async Task RawRowsAsync()
    {
        foreach (int limit in new[] { 1, 16, 32 })
        {
            int n = limit == 1 ? Math.Min(options.ItemsL1, options.Items) : options.Items;
            Prepare(n);
            using ChildProcess child = ChildProcess.StartSelf("--child", "raw", "--endpoint", emulator!.BaseUri.ToString(), "--job-id", JobId, "--prefix", Prefix,
                "--count", n.ToString(CultureInfo.InvariantCulture), "--concurrency", limit.ToString(CultureInfo.InvariantCulture),
                "--warmup-job-id", WarmupJobId, "--warmup-count", WarmupItems.ToString(CultureInfo.InvariantCulture));
            ClientResult r = await child.ResultAsync<ClientResult>(RunTimeout);
            Record($"raw@{limit}", new Row("b", "raw floor: HttpClient + AWSSDK.Core SigV4SigningHandler", limit, n, r.Ok, r.Failed, r.Seconds, r.PeakRssBytes, r.PeakGcHeapBytes, First(r.FirstError)), n);
        }
    }

    // ---- c: AWS SDK for JavaScript v3 ----------------------------------------------------------------------------

    /// <summary>Installs bench/js (pinned by its package-lock.json) once, when node_modules is missing.</summary>
    private static async Task<string> EnsureJsInstalledAsync()
    {
        string js = Paths.JsDirectory;
        if (!Directory.Exists(Path.Combine(js, "node_modules", "@aws-sdk", "client-iot")))
        {
            Log("bench/js: npm ci (pinned by package-lock.json)…");
            using ChildProcess npm = ChildProcess.Start("npm", new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" }, js);
            int exit = await npm.WaitForExitAsync(TimeSpan.FromMinutes(5));
            if (exit != 0) throw new InvalidOperationException($"npm ci in {js} failed with exit code {exit}.");
        }
        return js;
    }

    private async Task JsRowsAsync()
    {
        string js = await EnsureJsInstalledAsync();
        foreach (int limit in new[] { 16, 32 })
        {
            int n = options.Items;
            Prepare(n);
            using ChildProcess node = ChildProcess.Start("node", new[] { "cancel.mjs", "--endpoint", emulator!.BaseUri.ToString().TrimEnd('/'), "--job-id", JobId,
                "--prefix", Prefix, "--count", n.ToString(CultureInfo.InvariantCulture), "--concurrency", limit.ToString(CultureInfo.InvariantCulture),
                "--warmup-job-id", WarmupJobId, "--warmup-count", WarmupItems.ToString(CultureInfo.InvariantCulture) }, js);
            string line = await node.WaitForLineAsync("{", RunTimeout);
            using JsonDocument doc = JsonDocument.Parse(line);
            JsonElement e = doc.RootElement;
            string? error = e.TryGetProperty("firstError", out JsonElement fe) && fe.ValueKind == JsonValueKind.String ? fe.GetString() : null;
            Record($"js@{limit}", new Row("c", "AWS SDK for JS v3 `@aws-sdk/client-iot` CancelJobExecutionCommand", limit, n, e.GetProperty("ok").GetInt32(),
                e.GetProperty("failed").GetInt32(), e.GetProperty("seconds").GetDouble(), e.GetProperty("peakRssBytes").GetInt64(), -1, First(error)), n);
        }
    }

    // ---- e: -WhatIf memory ----------------------------------------------------------------------------------------

    private readonly Dictionary<int, WhatIfResult> whatIf = new();

    private async Task WhatIfRowsAsync()
    {
        foreach (int n in new[] { options.WhatIfSmall, options.WhatIfItems, options.WhatIfHuge }.Distinct())
        {
            Log($"-WhatIf pipeline of {n} items in a fresh process…");
            using ChildProcess child = ChildProcess.StartSelf("--child", "whatif", n.ToString(CultureInfo.InvariantCulture));
            WhatIfResult r = await child.ResultAsync<WhatIfResult>(RunTimeout);
            whatIf[n] = r;
            string notes = $"nothing sent; live heap after a full GC halfway {Mb(r.LiveHeapMidRunBytes):0.0} MB, after the pipeline {Mb(r.RetainedHeapAfterBytes):0.0} MB " +
                $"(GC heap before {Mb(r.BaselineGcHeapBytes):0.0} MB: {(r.LiveHeapMidRunBytes - r.BaselineGcHeapBytes) / (double)Math.Max(1, n / 2):0.0} bytes kept per item so far); " +
                $"RSS before {Mb(r.BaselineRssBytes):0} MB; VmHWM {Mb(r.HighWaterMarkBytes):0} MB; {r.HostLines} host lines discarded";
            var row = new Row("e", "module `-WhatIf` (streamed input, fresh process)", 1, n, n, 0, r.Seconds, r.PeakRssBytes, r.PeakGcHeapBytes, notes);
            rows.Add(row);
            Log($"e whatif {n}: {r.Seconds:0.00} s, peak RSS {Mb(r.PeakRssBytes)} MB, peak GC heap {Mb(r.PeakGcHeapBytes)} MB");
        }
    }

    // ---- f: Import-Module time ------------------------------------------------------------------------------------

    private sealed record ImportResults(double[] ModuleCold, double[] EmptyCold, double[] ModuleWarm, double[] EmptyWarm);

    private async Task<ImportResults> ImportAsync()
    {
        var moduleCold = new List<double>();
        var emptyCold = new List<double>();
        var moduleWarm = new List<double>();
        var emptyWarm = new List<double>();
        for (int i = 0; i < options.ImportRuns; i++)
        {
            // Alternate so drift (page cache, CPU frequency) hits both alike.
            foreach (var (manifest, cold, warm) in new[] { (Paths.ModuleManifest, moduleCold, moduleWarm), (Paths.EmptyModuleManifest, emptyCold, emptyWarm) })
            {
                using ChildProcess child = ChildProcess.StartSelf("--child", "import", manifest, "3");
                ImportResult r = await child.ResultAsync<ImportResult>(TimeSpan.FromMinutes(2));
                cold.Add(r.ColdMs);
                warm.AddRange(r.WarmMs);
            }
        }
        var result = new ImportResults(moduleCold.ToArray(), emptyCold.ToArray(), moduleWarm.ToArray(), emptyWarm.ToArray());
        Log($"import cold median: module {Median(result.ModuleCold):0.0} ms, empty {Median(result.EmptyCold):0.0} ms");
        return result;
    }

    // ---- report -----------------------------------------------------------------------------------------------------

    private void ComputeRatios(ImportResults? import)
    {
        void Ratio(string name, double? value, string target, bool? pass)
        {
            string verdict = pass is null ? "" : pass.Value ? "meets" : "**misses**";
            ratios.Add($"| {name} | {(value is { } v ? v.ToString("0.00") + "×" : "n/a")} | {target} | {verdict} |");
        }

        double? R(string a, string b) => byKey.TryGetValue(a, out Row? x) && byKey.TryGetValue(b, out Row? y) && y.Rate > 0 ? x.Rate / y.Rate : null;

        foreach (int l in new[] { 4, 16, 32 })
        {
            double? r = R($"module@{l}", "module@1");
            Ratio($"module@{l} / module@1", r, l == 32 ? "≥ 20×" : "(ideal " + l + "×)", l == 32 && r.HasValue ? r >= 20 : null);
        }
        foreach (int l in new[] { 1, 16, 32 })
        {
            double? r = R($"module@{l}", $"raw@{l}");
            Ratio($"module@{l} / raw floor@{l}", r, l == 1 ? "(per-item overhead)" : "≥ 0.9×", l > 1 && r.HasValue ? r >= 0.9 : null);
        }
        foreach (int l in new[] { 16, 32 })
        {
            double? r = R($"module@{l}", $"js@{l}");
            Ratio($"module@{l} / JS SDK v3@{l}", r, "≥ 1.0×", r.HasValue ? r >= 1.0 : null);
        }
        foreach (string key in new[] { "cap-client", "cap-adaptive", "cap-both", "cap-none" })
        {
            if (!byKey.TryGetValue(key, out Row? row)) continue;
            double r = row.Rate / options.RateCap;
            bool pass = r >= 0.9 && row.Failed == 0;
            Ratio($"capped sustained rate / R ({key}, {row.Failed} failed)", r, "≥ 0.9×, 0 failed", key == "cap-none" ? null : pass);
        }
        if (whatIf.TryGetValue(options.WhatIfItems, out WhatIfResult? big) && whatIf.TryGetValue(options.WhatIfSmall, out WhatIfResult? small))
        {
            double rss = (double)big.PeakRssBytes / small.PeakRssBytes;
            Ratio($"-WhatIf peak RSS {options.WhatIfItems:N0} / {options.WhatIfSmall:N0}", rss, "≤ 1.5×", rss <= 1.5);
            double heap = (double)big.PeakGcHeapBytes / small.PeakGcHeapBytes;
            Ratio($"-WhatIf peak GC heap {options.WhatIfItems:N0} / {options.WhatIfSmall:N0}", heap, "(≤ 1.5×)", null);
            if (whatIf.TryGetValue(options.WhatIfHuge, out WhatIfResult? huge))
            {
                double live = (double)huge.LiveHeapMidRunBytes / small.LiveHeapMidRunBytes;
                Ratio($"-WhatIf live heap halfway (after a full GC) {options.WhatIfHuge:N0} / {options.WhatIfSmall:N0}", live, "≤ 1.5× (nothing kept per item)", live <= 1.5);
            }
        }
        if (import != null)
        {
            double cold = Median(import.ModuleCold) / Median(import.EmptyCold);
            Ratio("Import-Module cold, module / empty binary module (median)", cold, "≤ 2×", cold <= 2);
            double warm = Median(import.ModuleWarm) / Median(import.EmptyWarm);
            Ratio("Import-Module in a fresh runspace, assemblies already loaded (median)", warm, "(≤ 2×)", null);
        }
    }

    private string Render(ImportResults? import, TimeSpan elapsed)
    {
        var s = new StringBuilder();
        s.AppendLine();
        s.AppendLine($"## CancelJobs bench — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        s.AppendLine();
        s.AppendLine($"Machine: {Environment.ProcessorCount} cores, {Mb(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes) / 1024.0:0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}. " +
                     $"Emulator in the bench process (shares the cores with every client); each client is its own child process. " +
                     $"Load average (1/5/15 min) at start {loadBefore}, at end {loadAfter} — anything above ~2 means other processes competed for the 2 cores. " +
                     $"Injected latency {options.LatencyMs} ms per request.{(options.Quick ? " **--quick run: small counts, noisy.**" : "")}");
        s.AppendLine();
        s.AppendLine("| row | client | L | items | ok | failed | seconds | items/s | client peak RSS MB | client peak GC heap MB | notes |");
        s.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        foreach (Row r in rows)
            s.AppendLine($"| {r.Id} | {r.What} | {r.Concurrency} | {r.Items} | {r.Ok} | {r.Failed} | {r.Seconds:0.00} | {r.Rate:0.0} | {Mb(r.PeakRssBytes):0} | {(r.PeakGcHeapBytes < 0 ? "n/a" : Mb(r.PeakGcHeapBytes).ToString("0.0"))} | {r.Notes} |");
        if (import != null)
        {
            s.AppendLine();
            s.AppendLine("| f: Import-Module | cold (first in a fresh process), median ms | runs | in a fresh runspace, assemblies loaded, median ms | runs |");
            s.AppendLine("|---|--:|---|--:|---|");
            s.AppendLine($"| CancelJobs (out/CancelJobs/CancelJobs.psd1) | {Median(import.ModuleCold):0.0} | {Join(import.ModuleCold)} | {Median(import.ModuleWarm):0.0} | {Join(import.ModuleWarm)} |");
            s.AppendLine($"| empty binary module (bench/EmptyModule) | {Median(import.EmptyCold):0.0} | {Join(import.EmptyCold)} | {Median(import.EmptyWarm):0.0} | {Join(import.EmptyWarm)} |");
        }
        RenderQuota(s);
        RenderCompletion(s);
        s.AppendLine();
        s.AppendLine("| ratio | measured | target | |");
        s.AppendLine("|---|--:|---|---|");
        foreach (string r in ratios) s.AppendLine(r);
        s.AppendLine();
        s.AppendLine($"Bench wall time {elapsed.TotalSeconds:0} s.");
        return s.ToString();
    }

    private static string First(string? error) => error == null ? "" : "first error: " + (error.Length > 160 ? error[..160] + "…" : error).Replace("|", "/").Replace("\n", " ");
    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
    private static double Median(double[] values)
    {
        if (values.Length == 0) return double.NaN;
        double[] sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
    private static string Join(double[] values) => string.Join(", ", values.Select(v => v.ToString("0")));
    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static void Log(string message) => Console.Error.WriteLine("[bench] " + message);
}
