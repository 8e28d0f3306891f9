using System.Collections.Generic;

namespace CancelJobs.Emulator.SignIn;

/// <summary>What the control API seeds under /_emulator/signin.</summary>
public sealed record SignInSeed
{
    public IReadOnlyList<RoleSeed>? Roles { get; init; }
    public IReadOnlyList<SsoTokenSeed>? SsoTokens { get; init; }
    public IReadOnlyList<ContainerTokenSeed>? ContainerTokens { get; init; }
}
