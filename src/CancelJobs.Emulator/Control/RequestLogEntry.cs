using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace CancelJobs.Emulator.Control;

/// <summary>One AWS request as received, with secrets redacted, and how the emulator answered it.</summary>
public sealed record RequestLogEntry
{
    public long Sequence { get; init; }
    public DateTimeOffset Time { get; init; }

    /// <summary>When the answer was decided, just before it (or the connection reset) was sent: after any injected latency.</summary>
    public DateTimeOffset Answered { get; init; }
    public string RequestId { get; init; } = "";

    /// <summary>Signing name of the service (iottwinmaker, iot, dms, datazone) or "unknown".</summary>
    public string Service { get; init; } = "unknown";

    /// <summary>The API operation, or null when the request matched none.</summary>
    public string? Operation { get; init; }

    public string Method { get; init; } = "";

    /// <summary>The path exactly as received (still percent-encoded).</summary>
    public string Path { get; init; } = "";

    /// <summary>The raw query string without the leading '?'.</summary>
    public string Query { get; init; } = "";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public string Body { get; init; } = "";

    /// <summary>Valid, Invalid, UnknownKey, Missing, Expired or NotChecked.</summary>
    public string Signature { get; init; } = SignatureVerdicts.NotChecked;

    /// <summary>Who signed a verified request: an IAM user ARN for a static key, the assumed-role ARN for temporary credentials.</summary>
    public string? Principal { get; init; }

    /// <summary>Detail on the signature check, e.g. which canonical-URI encoding matched.</summary>
    public string? SignatureNote { get; init; }

    /// <summary>HTTP status sent; 0 when the connection was reset instead.</summary>
    [JsonPropertyName("status")]
    public int StatusCode { get; init; }

    public string? ErrorCode { get; init; }
}
