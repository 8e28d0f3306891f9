namespace CancelJobs.Engine.Errors
{
    /// <summary>A setting a caller gives the engine, as an engine message may refer to it.</summary>
    public enum Setting
    {
        Region,
        ProfileName,
        ProfileLocation,
        EndpointUrl,
        AccessKey,
        SecretKey,
        SessionToken,
        Credential,
        ThrottleTimeout,
        MaxRequestsPerSecond,
        Debug,
    }
}
