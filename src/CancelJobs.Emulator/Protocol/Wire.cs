using System;

namespace CancelJobs.Emulator.Protocol;

/// <summary>Small value encodings shared by the services.</summary>
internal static class Wire
{
    /// <summary>The account every emulated resource belongs to.</summary>
    public const string AccountId = "123456789012";

    public const string DefaultRegion = "us-east-1";

    /// <summary>rest-json timestamps: epoch seconds as a JSON number, millisecond fractions kept.</summary>
    public static double EpochSeconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    public static double? EpochSeconds(DateTimeOffset? time) => time is null ? null : EpochSeconds(time.Value);
}
