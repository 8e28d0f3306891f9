using System;

namespace CancelJobs.Emulator.Protocol;

/// <summary>Thrown by operation handlers; the pipeline turns it into the protocol's error encoding.</summary>
internal sealed class AwsServiceException(ErrorShape shape, string message) : Exception(message)
{
    public ErrorShape Shape { get; } = shape;
}
