using System;
using System.Collections.Generic;

namespace CancelJobs.Emulator;

/// <summary>How an emulator instance starts: where it listens, what it trusts, how fast jobs settle.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The AWS documentation's example key pair, so SDK samples work unchanged.</summary>
    public const string ExampleAccessKey = "AKIDEXAMPLE";
    public const string ExampleSecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    /// <summary>Kestrel URL; port 0 picks a free port (read the real one from <see cref="EmulatorHost.BaseUri"/>).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    public bool VerifySignatures { get; set; } = true;

    /// <summary>Access key id → secret access key.</summary>
    public IDictionary<string, string> Credentials { get; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { [ExampleAccessKey] = ExampleSecretKey };

    /// <summary>How long a TwinMaker job stays CANCELLING before it reads as CANCELLED.</summary>
    public TimeSpan TwinMakerCancelDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a DMS conversion stays CANCELING before it reads as CANCELED.</summary>
    public TimeSpan DmsCancelDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>"demo" for the built-in data set, or a path to a seed JSON file.</summary>
    public string? Seed { get; set; }

    /// <summary>
    /// Regions to answer as, each with jobs, a request log and faults of its own: a request goes to the region its SigV4
    /// credential scope names, and one signed for any other region is refused (InvalidSignatureException), as a regional
    /// AWS endpoint refuses it. The control API picks a region with ?region=NAME (default: the first). Empty: one state
    /// answers every region (ARNs name the request's region).
    /// </summary>
    public IList<string> Regions { get; } = new List<string>();

    /// <summary>Suppress ASP.NET Core console logging.</summary>
    public bool Quiet { get; set; } = true;
}
