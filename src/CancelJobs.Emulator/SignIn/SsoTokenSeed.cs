namespace CancelJobs.Emulator.SignIn;

/// <summary>An IAM Identity Center access token (as cached by 'aws sso login') and the one role it may use.</summary>
public sealed record SsoTokenSeed
{
    public string AccessToken { get; init; } = "";
    public string AccountId { get; init; } = "";
    public string RoleName { get; init; } = "";
}
