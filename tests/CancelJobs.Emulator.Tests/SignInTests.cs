using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using System.Xml.Linq;
using CancelJobs.Emulator.Tests.Support;
using Xunit;

namespace CancelJobs.Emulator.Tests;

/// <summary>STS, the SSO portal and container credentials, and how issued temporary credentials are verified.</summary>
public sealed class SignInTests
{
    private const string Ops = "arn:aws:iam::111122223333:role/Ops";
    private static readonly XNamespace Sts = "https://sts.amazonaws.com/doc/2011-06-15/";

    private static async Task<TestEmulator> StartAsync()
    {
        var emulator = await TestEmulator.StartAsync();
        (HttpStatusCode status, string body) = await emulator.ControlAsync("POST", "signin", $$"""
            {"roles":[{"arn":"{{Ops}}","trustedPrincipals":["AKIDEXAMPLE"]}],
             "ssoTokens":[{"accessToken":"sso-1","accountId":"111122223333","roleName":"Ops"}],
             "containerTokens":[{"authorizationToken":"ctr-1","roleArn":"{{Ops}}"}]}
            """);
        Assert.True(status == HttpStatusCode.OK, body);
        await emulator.ControlAsync("POST", "seed", """{"iot":[{"jobId":"j1","thingName":"t1","status":"QUEUED"}]}""");
        return emulator;
    }

    private static Task<AwsResponse> AssumeRoleAsync(TestEmulator emulator, string roleArn = Ops, string extra = "") =>
        emulator.SendAsync("POST", "/", "sts", $"Action=AssumeRole&Version=2011-06-15&RoleArn={Uri.EscapeDataString(roleArn)}&RoleSessionName=test{extra}",
            "application/x-www-form-urlencoded; charset=utf-8");

    private static (string Key, string Secret, string Token) Credentials(AwsResponse response)
    {
        XElement credentials = XDocument.Parse(response.Body).Descendants(Sts + "Credentials").Single();
        return (credentials.Element(Sts + "AccessKeyId")!.Value, credentials.Element(Sts + "SecretAccessKey")!.Value, credentials.Element(Sts + "SessionToken")!.Value);
    }

    private static Task<AwsResponse> DescribeAsync(TestEmulator emulator, (string Key, string Secret, string Token) credentials, string? token) =>
        emulator.SendAsync("GET", "/things/t1/jobs/j1", null, null,
            sign: (request, body) => TestSigner.Sign(request, body, "iot", credentials.Key, credentials.Secret, sessionToken: token));

    [Fact]
    public async Task Assumed_role_credentials_work_only_with_their_session_token()
    {
        await using var emulator = await StartAsync();

        AwsResponse assumed = await AssumeRoleAsync(emulator);
        var credentials = Credentials(assumed);
        AwsResponse withToken = await DescribeAsync(emulator, credentials, credentials.Token);
        AwsResponse withoutToken = await DescribeAsync(emulator, credentials, null);
        AwsResponse otherToken = await DescribeAsync(emulator, credentials, credentials.Token + "x");

        Assert.Equal(HttpStatusCode.OK, assumed.Status);
        Assert.StartsWith("ASIA", credentials.Key);
        Assert.Equal(HttpStatusCode.OK, withToken.Status);
        Assert.Equal("UnrecognizedClientException", withoutToken.ErrorCode);
        Assert.Equal("UnrecognizedClientException", otherToken.ErrorCode);
        var described = emulator.State.Requests.First(r => r.Operation == "DescribeJobExecution" && r.StatusCode == 200);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/Ops/test", described.Principal);
        Assert.Equal("***", described.Headers["X-Amz-Security-Token"]);
    }

    [Fact]
    public async Task Issued_credentials_expire_after_the_configured_lifetime()
    {
        await using var emulator = await StartAsync();
        await emulator.ControlAsync("PUT", "settings", """{"issuedCredentialSeconds":1}""");

        var credentials = Credentials(await AssumeRoleAsync(emulator));
        AwsResponse fresh = await DescribeAsync(emulator, credentials, credentials.Token);
        Assert.NotEqual("ExpiredTokenException", fresh.ErrorCode);

        // Until the answer changes, not a guessed sleep: the lifetime is 1 s, however slow the machine is.
        AwsResponse expired = fresh;
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30); expired.ErrorCode != "ExpiredTokenException" && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(50);
            expired = await DescribeAsync(emulator, credentials, credentials.Token);
        }

        Assert.Equal(HttpStatusCode.Forbidden, expired.Status);
        Assert.Equal("ExpiredTokenException", expired.ErrorCode);
    }

    [Fact]
    public async Task An_untrusted_role_is_AccessDenied_as_sts_xml()
    {
        await using var emulator = await StartAsync();

        AwsResponse denied = await AssumeRoleAsync(emulator, "arn:aws:iam::111122223333:role/Other");

        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        XElement error = XDocument.Parse(denied.Body).Descendants(Sts + "Error").Single();
        Assert.Equal("AccessDenied", error.Element(Sts + "Code")!.Value);
        Assert.Equal("Sender", error.Element(Sts + "Type")!.Value);
        Assert.Equal("AccessDenied", emulator.State.Requests.Single().ErrorCode);
    }

    [Fact]
    public async Task Sso_portal_and_container_endpoint_issue_credentials_for_known_tokens_only()
    {
        await using var emulator = await StartAsync();

        AwsResponse sso = await emulator.SendAsync("GET", "/federation/credentials?role_name=Ops&account_id=111122223333", null, null,
            sign: (request, _) => request.Headers.Add("x-amz-sso_bearer_token", "sso-1"));
        AwsResponse unknown = await emulator.SendAsync("GET", "/federation/credentials?role_name=Ops&account_id=111122223333", null, null,
            sign: (request, _) => request.Headers.Add("x-amz-sso_bearer_token", "nope"));
        AwsResponse container = await emulator.SendAsync("GET", "/container/credentials", null, null,
            sign: (request, _) => request.Headers.TryAddWithoutValidation("Authorization", "ctr-1"));

        Assert.Equal(HttpStatusCode.OK, sso.Status);
        Assert.StartsWith("ASIA", sso.Json.GetProperty("roleCredentials").GetProperty("accessKeyId").GetString());
        Assert.True(sso.Json.GetProperty("roleCredentials").GetProperty("expiration").GetInt64() > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.Equal("UnauthorizedException", unknown.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, container.Status);
        Assert.StartsWith("ASIA", container.Json.GetProperty("AccessKeyId").GetString());
        Assert.All(emulator.State.Requests, r => Assert.DoesNotContain(r.Headers, h => h.Value.Contains("sso-1") || h.Value.Contains("ctr-1")));
    }

    [Fact]
    public async Task Incomplete_sign_in_seeds_are_rejected()
    {
        await using var emulator = await TestEmulator.StartAsync();

        (HttpStatusCode notArn, string body) = await emulator.ControlAsync("POST", "signin", """{"roles":[{"arn":"Ops"}]}""");
        (HttpStatusCode mfaHalf, _) = await emulator.ControlAsync("POST", "signin", """{"roles":[{"arn":"arn:aws:iam::1:role/R","mfaSerial":"x"}]}""");
        (HttpStatusCode noToken, _) = await emulator.ControlAsync("POST", "signin", """{"ssoTokens":[{"accountId":"1","roleName":"R"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, notArn);
        Assert.Contains("role ARN", body);
        Assert.Equal(HttpStatusCode.BadRequest, mfaHalf);
        Assert.Equal(HttpStatusCode.BadRequest, noToken);
    }
}
