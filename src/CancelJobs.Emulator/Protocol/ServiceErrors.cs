namespace CancelJobs.Emulator.Protocol;

/// <summary>Errors every service models, each under its own code and status.</summary>
internal sealed record ServiceErrors(
    ErrorShape Validation,
    ErrorShape MalformedInput,
    ErrorShape NotFound,
    ErrorShape Throttling,
    ErrorShape ServerError);
