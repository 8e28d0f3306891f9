namespace CancelJobs.Emulator.SignIn;

/// <summary>An ECS / EKS Pod Identity style container credentials grant: the Authorization value it takes.</summary>
public sealed record ContainerTokenSeed
{
    public string AuthorizationToken { get; init; } = "";
    public string RoleArn { get; init; } = "";
}
