using System;
using System.Collections.Generic;
using System.Linq;
using CancelJobs.Emulator.Control;
using CancelJobs.Emulator.Seeding;
using CancelJobs.Emulator.Services;
using CancelJobs.Emulator.Services.DataZone;
using CancelJobs.Emulator.Services.Dms;
using CancelJobs.Emulator.Services.IoT;
using CancelJobs.Emulator.Services.TwinMaker;
using CancelJobs.Emulator.SignIn;

namespace CancelJobs.Emulator;

/// <summary>
/// Everything an emulator instance holds: the four services' jobs, the request log, faults and
/// settings. Thread-safe; the HTTP control API and in-process tests both go through it.
/// </summary>
public sealed class EmulatorState
{
    private volatile FaultSettings faults = FaultSettings.None;
    private volatile EmulatorSettings settings;

    public EmulatorState(EmulatorOptions? options = null)
    {
        options ??= new EmulatorOptions();
        settings = new EmulatorSettings
        {
            VerifySignatures = options.VerifySignatures,
            TwinMakerCancelDelayMs = (int)options.TwinMakerCancelDelay.TotalMilliseconds,
            DmsCancelDelayMs = (int)options.DmsCancelDelay.TotalMilliseconds,
        };
        Credentials = new Dictionary<string, string>(options.Credentials, StringComparer.Ordinal);
        SignIn = new SignInState(Credentials);
    }

    /// <summary>The one region this state answers as (the emulator's --regions), or null for every region.</summary>
    public string? Region { get; internal set; }

    internal OrderedStore<string, TwinMakerJob> TwinMakerJobs { get; } = new(j => j.Id, StringComparer.Ordinal);
    internal OrderedStore<(string JobId, string ThingName), IoTJobExecution> IoTExecutions { get; } = new(e => (e.JobId, e.ThingName));
    internal OrderedStore<(string Project, string RequestId), DmsConversion> DmsConversions { get; } = new(c => (c.MigrationProject, c.RequestIdentifier));
    internal OrderedStore<(string DomainId, string Id), DataZoneRun> DataZoneRuns { get; } = new(r => (r.DomainId, r.Id));
    /// <summary>The stores that declare their own seed section (<see cref="ISeedSection"/>): found, not listed here.</summary>
    internal SeedSections Sections { get; } = new();
    internal RequestLog Log { get; } = new();
    internal RateLimiter RateLimiter { get; } = new();

    /// <summary>Access key id → secret access key accepted by SigV4 verification.</summary>
    internal IReadOnlyDictionary<string, string> Credentials { get; }

    /// <summary>Roles, SSO tokens, container grants and the temporary credentials issued for them.</summary>
    internal SignInState SignIn { get; }

    /// <summary>Adds roles, SSO tokens and container grants (as POST /_emulator/signin does).</summary>
    /// <exception cref="ArgumentException">An item is incomplete.</exception>
    public void SeedSignIn(SignInSeed seed) => SignIn.Seed(seed);

    /// <summary>Every secret value the sign-in services have issued (secret keys and session tokens), for secret scans.</summary>
    public IReadOnlyList<string> IssuedSecrets => SignIn.IssuedSecrets();

    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public FaultSettings Faults
    {
        get => faults;
        set => faults = value.Problem() is { } problem ? throw new ArgumentException(problem, nameof(value)) : value;
    }

    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public EmulatorSettings Settings
    {
        get => settings;
        set => settings = value.Problem() is { } problem ? throw new ArgumentException(problem, nameof(value)) : value;
    }

    public IReadOnlyList<RequestLogEntry> Requests => Log.Snapshot();

    public void ClearRequests() => Log.Clear();

    /// <summary>Clears jobs, the request log and faults; settings are kept.</summary>
    public void Reset()
    {
        TwinMakerJobs.Clear();
        IoTExecutions.Clear();
        DmsConversions.Clear();
        DataZoneRuns.Clear();
        foreach (ISeedSection section in Sections.All) section.Clear();
        Log.Clear();
        RateLimiter.Reset();
        faults = FaultSettings.None;
        SignIn.Clear();
    }

    /// <summary>Adds the document's jobs; an item whose key exists replaces it.</summary>
    /// <exception cref="ArgumentException">An item lacks its key or has an unknown status.</exception>
    public void Seed(SeedDocument document)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        // Convert everything first so a bad item leaves the state untouched.
        var twinMaker = (document.TwinMaker ?? []).Select(s => s.ToJob(now, Settings.TwinMakerCancelDelay)).ToList();
        var iot = (document.Iot ?? []).Select(s => s.ToExecution(now)).ToList();
        var dms = (document.Dms ?? []).Select(s => s.ToConversion(now)).ToList();
        var dataZone = (document.DataZone ?? []).Select(s => s.ToRun(now)).ToList();
        var sections = (document.Sections ?? []).Select(pair => Sections.Named(pair.Key)?.Prepare(pair.Value, now)).OfType<Action>().ToList();
        TwinMakerJobs.Upsert(twinMaker);
        IoTExecutions.Upsert(iot);
        DmsConversions.Upsert(dms);
        DataZoneRuns.Upsert(dataZone);
        sections.ForEach(commit => commit());
    }

    /// <exception cref="System.Text.Json.JsonException">The text is not a seed document.</exception>
    /// <exception cref="ArgumentException">An item lacks its key or has an unknown status.</exception>
    public void SeedJson(string json) => Seed(SeedDocument.Parse(json));

    public void SeedDemo()
    {
        SeedDocument demo = DemoSeed.Build();
        demo.Sections = Sections.All.ToDictionary(s => s.Name, s => s.Demo());
        Seed(demo);
    }

    /// <summary>All jobs with their current states, in the seed document's shape.</summary>
    public SeedDocument Export()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return new SeedDocument
        {
            TwinMaker = TwinMakerJobs.Snapshot().Select(j => TwinMakerSeed.From(j, now)).ToList(),
            Iot = IoTExecutions.Snapshot().Select(IoTSeed.From).ToList(),
            Dms = DmsConversions.Snapshot().Select(c => DmsSeed.From(c, now)).ToList(),
            DataZone = DataZoneRuns.Snapshot().Select(DataZoneSeed.From).ToList(),
            Sections = Sections.All.ToDictionary(s => s.Name, s => s.Export(now)),
        };
    }

    public TwinMakerJob? FindTwinMakerJob(string id) => TwinMakerJobs.Find(id);

    public IoTJobExecution? FindIoTExecution(string jobId, string thingName) => IoTExecutions.Find((jobId, thingName));

    /// <param name="migrationProject">The project's name or ARN.</param>
    public DmsConversion? FindDmsConversion(string migrationProject, string requestIdentifier) =>
        DmsConversions.Find((DmsProjects.NameOf(migrationProject), requestIdentifier));

    public DataZoneRun? FindDataZoneRun(string domainId, string id) => DataZoneRuns.Find((domainId, id));
}
