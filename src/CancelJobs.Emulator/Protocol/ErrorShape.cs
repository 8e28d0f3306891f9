namespace CancelJobs.Emulator.Protocol;

/// <summary>A modelled AWS error: the code clients key on and the HTTP status it travels with.</summary>
internal sealed record ErrorShape(string Code, int StatusCode)
{
    public AwsServiceException With(string message) => new(this, message);
}
