using System;

namespace CancelJobs.Emulator.SignIn;

/// <summary>Temporary credentials as issued.</summary>
internal sealed record IssuedCredentials(string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset Expiration, string Principal);
