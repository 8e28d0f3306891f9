using Microsoft.AspNetCore.Http;

namespace CancelJobs.Emulator.Signing;

/// <summary>The request facts SigV4 covers, captured before any decoding by the web server.</summary>
internal sealed record SignedRequest(string Method, string RawPath, string RawQuery, IHeaderDictionary Headers, byte[] Body);
