using System;

namespace CancelJobs.Emulator.Protocol;

/// <summary>A modelled AWS error: the code clients key on and the HTTP status it travels with.</summary>
internal sealed record ErrorShape(string Code, int StatusCode)
{
    public AwsServiceException With(string message) => new(this, message);
}

/// <summary>Thrown by operation handlers; the pipeline turns it into the protocol's error encoding.</summary>
internal sealed class AwsServiceException(ErrorShape shape, string message) : Exception(message)
{
    public ErrorShape Shape { get; } = shape;
}

/// <summary>Errors every service models, each under its own code and status.</summary>
internal sealed record ServiceErrors(
    ErrorShape Validation,
    ErrorShape MalformedInput,
    ErrorShape NotFound,
    ErrorShape Throttling,
    ErrorShape ServerError);

/// <summary>Authentication failures; AWS answers these before any service logic runs.</summary>
internal static class AuthErrors
{
    public static readonly ErrorShape MissingToken = new("MissingAuthenticationTokenException", 403);
    public static readonly ErrorShape UnknownKey = new("UnrecognizedClientException", 403);
    public static readonly ErrorShape InvalidSignature = new("InvalidSignatureException", 403);
    public static readonly ErrorShape Incomplete = new("IncompleteSignatureException", 403);
    public static readonly ErrorShape ExpiredToken = new("ExpiredTokenException", 403);
}
