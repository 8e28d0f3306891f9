using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace CancelJobs.Bench;

/// <summary>One module pipeline to run in the module child.</summary>
internal sealed record ModuleRun(string JobId, string Prefix, int Count, int Throttle, double? MaxRps, string? RetryMode);

/// <summary>What a client child reports: outcomes, time of the measured part only, and its own memory.</summary>
internal sealed record ClientResult(int Ok, int Failed, double Seconds, long PeakRssBytes, long PeakGcHeapBytes, string? FirstError);

internal sealed record WhatIfResult(int Items, double Seconds, long BaselineRssBytes, long PeakRssBytes, long HighWaterMarkBytes,
    long BaselineGcHeapBytes, long PeakGcHeapBytes, long HostLines, long LiveHeapMidRunBytes, long RetainedHeapAfterBytes);

internal sealed record ImportResult(double ColdMs, double[] WarmMs);

/// <summary>
/// The processes the bench starts from its own executable (`--child ...`): each client runs outside the
/// emulator's process, so its memory is its own. Every child writes exactly one `RESULT {json}` line per result.
/// </summary>
internal static class Children
{
    public const string ResultPrefix = "RESULT ";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string ThingName(string prefix, int i) => prefix + i.ToString("D6");

    public static int Run(string[] args)
    {
        string kind = args[1];
        switch (kind)
        {
            case "module": return ModuleServer(Arg(args, "--endpoint"));
            case "raw":
                return Emit(RawFloor(Arg(args, "--endpoint"), Arg(args, "--job-id"), Arg(args, "--prefix"), int.Parse(Arg(args, "--count")),
                    int.Parse(Arg(args, "--concurrency")), Arg(args, "--warmup-job-id"), int.Parse(Arg(args, "--warmup-count"))).GetAwaiter().GetResult());
            case "whatif": return Emit(WhatIf(int.Parse(args[2])));
            case "import": return Emit(Import(args[2], int.Parse(args[3])));
            default: throw new ArgumentException("Unknown child kind " + kind);
        }
    }

    private static string Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : throw new ArgumentException("Missing " + name);
    }

    private static int Emit<T>(T result)
    {
        Console.Out.WriteLine(ResultPrefix + JsonSerializer.Serialize(result, Json));
        Console.Out.Flush();
        return 0;
    }

    /// <summary>
    /// Imports the module once, prints READY, then runs one pipeline per JSON line read from stdin. The parent
    /// resets and seeds the emulator before each line, so the session (and its JIT-compiled code) is reused.
    /// </summary>
    private static int ModuleServer(string endpoint)
    {
        using var session = new PowerShellSession();
        session.Import(Paths.ModuleManifest);
        session.UseEndpoint(endpoint);
        Console.Out.WriteLine("READY");
        Console.Out.Flush();
        string? line;
        while (!string.IsNullOrWhiteSpace(line = Console.In.ReadLine()))
        {
            ModuleRun run = JsonSerializer.Deserialize<ModuleRun>(line, Json)!;
            string[] things = Enumerable.Range(1, run.Count).Select(i => ThingName(run.Prefix, i)).ToArray();
            var extra = new System.Collections.Hashtable();
            if (run.MaxRps is { } rps) extra["MaxRequestsPerSecond"] = rps;
            if (run.RetryMode is { } mode) extra["RetryMode"] = mode;
            session.SetVariable("things", things);
            session.SetVariable("jobId", run.JobId);
            session.SetVariable("L", run.Throttle);
            session.SetVariable("extra", extra);
            GC.Collect();
            using var memory = new MemorySampler();
            var clock = Stopwatch.StartNew();
            PowerShellSession.Result result = session.Run("$things | Stop-IoTJobExecution -JobId $jobId -Force -ThrottleLimit $L @extra @aws");
            double seconds = clock.Elapsed.TotalSeconds;
            Emit(new ClientResult(result.Output, run.Count - result.Output, seconds, memory.PeakRssBytes, memory.PeakGcHeapBytes,
                result.Terminating?.Message ?? result.FirstError));
            session.SetVariable("things", null);
        }
        return 0;
    }

    /// <summary>
    /// The floor: HttpClient + AWSSDK.Core's SigV4SigningHandler, L workers, no retries, no response parsing
    /// beyond the status code. Anything the module does on top of this is its overhead.
    /// </summary>
    private static async Task<ClientResult> RawFloor(string endpoint, string jobId, string prefix, int count, int concurrency, string warmupJobId, int warmupCount)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        var credentials = new BasicAWSCredentials(Paths.AccessKey, Paths.SecretKey);
        using var http = new HttpClient(new SigV4SigningHandler(credentials, RegionEndpoint.USEast1, "iot", handler))
        {
            BaseAddress = new Uri(endpoint.TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        string? firstError = null;

        async Task<(int Ok, int Failed)> Run(string job, int n)
        {
            int next = 0, ok = 0, failed = 0;
            async Task Worker()
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) <= n)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Put, $"things/{ThingName(prefix, i)}/jobs/{job}/cancel")
                    {
                        Content = new ByteArrayContent("{}"u8.ToArray()) { Headers = { { "Content-Type", "application/json" } } },
                    };
                    try
                    {
                        using HttpResponseMessage response = await http.SendAsync(request).ConfigureAwait(false);
                        if (response.IsSuccessStatusCode) Interlocked.Increment(ref ok);
                        else
                        {
                            Interlocked.Increment(ref failed);
                            firstError ??= $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}";
                        }
                    }
                    catch (HttpRequestException error)
                    {
                        Interlocked.Increment(ref failed);
                        firstError ??= error.Message;
                    }
                }
            }
            await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, n)).Select(_ => Task.Run(Worker))).ConfigureAwait(false);
            return (ok, failed);
        }

        await Run(warmupJobId, warmupCount).ConfigureAwait(false);
        firstError = null;
        GC.Collect();
        using var memory = new MemorySampler();
        var clock = Stopwatch.StartNew();
        var (okCount, failedCount) = await Run(jobId, count).ConfigureAwait(false);
        double seconds = clock.Elapsed.TotalSeconds;
        return new ClientResult(okCount, failedCount, seconds, memory.PeakRssBytes, memory.PeakGcHeapBytes, firstError);
    }

    /// <summary>
    /// N thing names streamed (never materialised) into Stop-IoTJobExecution -WhatIf; the "What if:" lines go to
    /// the discarding host. Nothing is sent, so no emulator is needed (the endpoint is an unused local port).
    /// </summary>
    private static WhatIfResult WhatIf(int items)
    {
        using var session = new PowerShellSession();
        session.Import(Paths.ModuleManifest);
        session.UseEndpoint("http://127.0.0.1:9");
        session.SetVariable("n", items);
        // Warm the same code path with a few items so JIT is not counted as per-item memory.
        session.Run("& { foreach ($i in 1..20) { 'warm-' + $i } } | Stop-IoTJobExecution -JobId bench-whatif -WhatIf @aws").ThrowIfFailed();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long baselineRss = Environment.WorkingSet;
        long baselineHeap = GC.GetTotalMemory(false);
        long linesBefore = session.Host.LinesWritten;
        using var memory = new MemorySampler();
        var clock = Stopwatch.StartNew();
        // Halfway through, the input itself forces a full collection and reads the live heap: what the pipeline keeps
        // per item shows there (the peak GC heap also counts garbage not yet collected, so it depends on GC timing).
        session.SetVariable("half", Math.Max(1, items / 2));
        session.Run("& { foreach ($i in 1..$n) { if ($i -eq $half) { [GC]::Collect(); [GC]::WaitForPendingFinalizers(); $global:liveHeapMidRun = [GC]::GetTotalMemory($true) }; 'thing-' + $i } } | Stop-IoTJobExecution -JobId bench-whatif -WhatIf @aws").ThrowIfFailed();
        double seconds = clock.Elapsed.TotalSeconds;
        long liveMidRun = Convert.ToInt64(session.GetVariable("liveHeapMidRun") ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long retainedAfter = GC.GetTotalMemory(true);
        return new WhatIfResult(items, seconds, baselineRss, memory.PeakRssBytes, MemorySampler.HighWaterMarkBytes(), baselineHeap,
            memory.PeakGcHeapBytes, session.Host.LinesWritten - linesBefore, liveMidRun, retainedAfter);
    }

    /// <summary>Import-Module time: once cold (first import in this process), then in fresh runspaces (assemblies already loaded).</summary>
    private static ImportResult Import(string manifest, int warmRuns)
    {
        double TimeImport()
        {
            using var session = new PowerShellSession();
            // The first command in a runspace pays for command discovery of the engine's own cmdlets; keep that out.
            session.Run("$null = Get-Module").ThrowIfFailed();
            var clock = Stopwatch.StartNew();
            session.Import(manifest);
            return clock.Elapsed.TotalMilliseconds;
        }

        double cold = TimeImport();
        double[] warm = Enumerable.Range(0, warmRuns).Select(_ => TimeImport()).ToArray();
        return new ImportResult(cold, warm);
    }
}
