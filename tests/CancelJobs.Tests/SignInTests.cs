using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CancelJobs.Emulator;
using CancelJobs.Emulator.Control;
using CancelJobs.Emulator.SignIn;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>
    /// Every way real users sign in, end to end against the emulator's STS, SSO portal and container endpoint, with a
    /// temporary HOME and AWS config. AWSSDK.Core does the resolving; these tests prove the module ships what it needs,
    /// resolves once per invocation and turns a failing source into one clear terminating error.
    /// </summary>
    [Collection(SignInCollection.Name)]
    public sealed class SignInTests : IClassFixture<EmulatorFixture>
    {
        private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        private const string Account = "111122223333";
        private const string Ops = "arn:aws:iam::111122223333:role/Ops";
        private const string Second = "arn:aws:iam::111122223333:role/Second";
        private const string MfaRole = "arn:aws:iam::111122223333:role/Mfa";
        private const string MfaSerial = "arn:aws:iam::111122223333:mfa/ops-person";
        private const string WebRole = "arn:aws:iam::111122223333:role/Web";
        private const string WebToken = "eyJhbGciOiJSUzI1NiJ9.web-identity-token.sig";
        private const string SsoAccessToken = "sso-access-token-for-tests";
        private const string ContainerToken = "container-authorization-token";
        private const string TaskRole = "arn:aws:iam::111122223333:role/Task";
        private readonly EmulatorFixture emulator;

        public SignInTests(EmulatorFixture emulator) => this.emulator = emulator;

        private string Url => emulator.Host.BaseUri.ToString().TrimEnd('/');

        /// <summary>IoT executions to cancel, and the roles and tokens the sign-in services honour.</summary>
        private PowerShellSession NewSession()
        {
            var session = emulator.NewSession(Seeds.AllServices);
            emulator.State.Settings = emulator.State.Settings with { IssuedCredentialSeconds = 3600 };
            emulator.State.SeedSignIn(new SignInSeed
            {
                Roles = new[]
                {
                    new RoleSeed { Arn = Ops, TrustedPrincipals = new[] { EmulatorOptions.ExampleAccessKey } },
                    new RoleSeed { Arn = Second, TrustedPrincipals = new[] { Ops } },
                    new RoleSeed { Arn = MfaRole, MfaSerial = MfaSerial, MfaCode = "123456" },
                    new RoleSeed { Arn = WebRole, WebIdentityTokens = new[] { WebToken } },
                },
                SsoTokens = new[] { new SsoTokenSeed { AccessToken = SsoAccessToken, AccountId = Account, RoleName = "Ops" } },
                ContainerTokens = new[] { new ContainerTokenSeed { AuthorizationToken = ContainerToken, RoleArn = TaskRole } },
            });
            return session;
        }

        /// <summary>Profiles whose requests all go to the emulator: the endpoint_url covers STS and the SSO portal too.</summary>
        private string Profile(string name, string body) =>
            $"[{(name == "default" ? "default" : "profile " + name)}]\nregion = us-east-1\nendpoint_url = {Url}\n{body}\n";

        /// <summary>
        /// A temporary HOME whose STS and SSO portal calls go to the emulator. Core's own STS and SSO clients read
        /// AWS_ENDPOINT_URL_STS / _SSO (or the default profile's endpoint_url), not the endpoint_url of the profile in use.
        /// </summary>
        private AwsHome Home(string config, string credentials = "")
        {
            var home = new AwsHome(config, credentials);
            home.Set("AWS_ENDPOINT_URL_STS", Url);
            home.Set("AWS_ENDPOINT_URL_SSO", Url);
            return home;
        }

        private const string BaseCredentials = "[base]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = " + Secret + "\n";

        private const string CancelTwo = "'sensor-1','sensor-2' | Stop-IoTJobExecution -JobId fw-7 -Confirm:$false";

        private RequestLogEntry[] ServiceRequests => emulator.State.Requests.Where(r => r.Service == "iot").ToArray();

        private int Calls(string operation) => emulator.State.Requests.Count(r => r.Operation == operation);

        /// <summary>Both cancels went out, verified, signed by <paramref name="principalPrefix"/>.</summary>
        private void AssertCancelledAs(RunResult result, string principalPrefix)
        {
            result.AssertClean();
            Assert.Equal(2, result.Output.Count);
            var requests = ServiceRequests;
            Assert.Equal(2, requests.Length);
            Assert.All(requests, r =>
            {
                Assert.Equal(200, r.StatusCode);
                Assert.Equal("Valid", r.Signature);
                Assert.StartsWith(principalPrefix, r.Principal);
            });
        }

        private static void AssertOneTerminating(RunResult result, ErrorRecord? caught, string errorId, params string[] inMessage)
        {
            Assert.NotNull(caught);
            Assert.Equal(errorId, RunResult.ErrorIdOf(caught!));
            Assert.Empty(result.Errors);
            foreach (var text in inMessage)
            {
                Assert.Contains(text, caught!.Exception.Message);
            }
            // Never an SDK type name in what the user reads (a service's own error code may end in "Exception").
            Assert.DoesNotContain("Amazon.", caught!.Exception.Message);
            Assert.DoesNotContain("System.", caught.Exception.Message);
        }

        [Fact]
        public void AStaticProfileSignsAsItsUser()
        {
            using var home = Home(Profile("base", ""), BaseCredentials);
            using var session = NewSession();

            AssertCancelledAs(session.Run(CancelTwo + " -ProfileName base"), $"arn:aws:iam::{Account}:user/AKIDEXAMPLE");
            Assert.Equal(0, Calls("AssumeRole"));
        }

        [Fact]
        public void ARoleWithASourceProfileIsAssumedOncePerInvocation()
        {
            using var home = Home(Profile("base", "") + Profile("ops", $"role_arn = {Ops}\nsource_profile = base"), BaseCredentials);
            using var session = NewSession();

            AssertCancelledAs(session.Run(CancelTwo + " -ProfileName ops"), $"arn:aws:sts::{Account}:assumed-role/Ops/");
            var assume = Assert.Single(emulator.State.Requests, r => r.Operation == "AssumeRole");
            Assert.Equal($"arn:aws:iam::{Account}:user/AKIDEXAMPLE", assume.Principal);
        }

        [Fact]
        public void AChainOfTwoRolesAssumesEachInTurn()
        {
            using var home = Home(
                Profile("base", "") + Profile("ops", $"role_arn = {Ops}\nsource_profile = base") + Profile("second", $"role_arn = {Second}\nsource_profile = ops"),
                BaseCredentials);
            using var session = NewSession();

            AssertCancelledAs(session.Run(CancelTwo + " -ProfileName second"), $"arn:aws:sts::{Account}:assumed-role/Second/");
            var assumes = emulator.State.Requests.Where(r => r.Operation == "AssumeRole").ToArray();
            Assert.Equal(2, assumes.Length);
            Assert.StartsWith($"arn:aws:sts::{Account}:assumed-role/Ops/", assumes[1].Principal);
        }

        [Fact]
        public void CredentialSourceEnvironmentAssumesTheRoleWithTheEnvironmentKeys()
        {
            using var home = Home(Profile("ops", $"role_arn = {Ops}\ncredential_source = Environment"));
            home.Set("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
            home.Set("AWS_SECRET_ACCESS_KEY", Secret);
            using var session = NewSession();

            AssertCancelledAs(session.Run(CancelTwo + " -ProfileName ops"), $"arn:aws:sts::{Account}:assumed-role/Ops/");
            Assert.Equal(1, Calls("AssumeRole"));
        }

        [Fact]
        public void AnMfaRoleAsksForTheCodeThroughTheHost()
        {
            using var home = Home(Profile("base", "") + Profile("mfa", $"role_arn = {MfaRole}\nsource_profile = base\nmfa_serial = {MfaSerial}"), BaseCredentials);
            using var session = NewSession();
            session.Host.TestUI.InputAnswers.Enqueue("123456");

            AssertCancelledAs(session.Run(CancelTwo + " -ProfileName mfa"), $"arn:aws:sts::{Account}:assumed-role/Mfa/");
            Assert.Contains(session.Host.TestUI.Prompts, p => p.Contains(MfaSerial));
            Assert.Equal(1, Calls("AssumeRole"));
        }

        [Fact]
        public void AnMfaRoleWithoutAnInteractiveHostIsOneTerminatingError()
        {
            using var home = Home(Profile("base", "") + Profile("mfa", $"role_arn = {MfaRole}\nsource_profile = base\nmfa_serial = {MfaSerial}"), BaseCredentials);
            using var session = NewSession();

            var (caught, result) = session.RunCatchingTerminating(CancelTwo + " -ProfileName mfa");

            AssertOneTerminating(result, caught, "MfaCodeRequired", MfaSerial, "get-session-token");
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void WebIdentityFromTheEnvironmentAsOnEksAndGitHubRunners()
        {
            using var home = Home("");
            home.Set("AWS_WEB_IDENTITY_TOKEN_FILE", home.WriteFile("token", WebToken));
            home.Set("AWS_ROLE_ARN", WebRole);
            using var session = NewSession();

            AssertCancelledAs(session.Run(CancelTwo + $" -EndpointUrl {Url} -Region us-east-1"), $"arn:aws:sts::{Account}:assumed-role/Web/");
            Assert.Equal(1, Calls("AssumeRoleWithWebIdentity"));
        }

        [Fact]
        public void WebIdentityFromAProfile()
        {
            using var home = Home("");
            var token = home.WriteFile("token", WebToken);
            File.WriteAllText(home.ConfigFile, Profile("web", $"role_arn = {WebRole}\nweb_identity_token_file = {token}"));
            using var session = NewSession();

            AssertCancelledAs(session.Run(CancelTwo + " -ProfileName web"), $"arn:aws:sts::{Account}:assumed-role/Web/");
        }

        [Fact]
        public void AnIdentityCenterSessionProfileUsesTheCachedToken()
        {
            using var home = Home(
                Profile("sso", $"sso_session = corp\nsso_account_id = {Account}\nsso_role_name = Ops")
                + "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n");
            home.CacheSsoToken("corp", SsoAccessToken, DateTime.UtcNow.AddHours(1), "https://corp.awsapps.com/start");
            using var session = NewSession();

            AssertCancelledAs(session.Run(CancelTwo + " -ProfileName sso"), $"arn:aws:sts::{Account}:assumed-role/AWSReservedSSO_Ops/");
            Assert.Equal(1, Calls("GetRoleCredentials"));
        }

        [Fact]
        public void ALegacySsoProfileUsesTheTokenCachedForItsStartUrl()
        {
            using var home = Home(Profile("legacy",
                $"sso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = {Account}\nsso_role_name = Ops"));
            home.CacheSsoToken("https://legacy.awsapps.com/start", SsoAccessToken, DateTime.UtcNow.AddHours(1), "https://legacy.awsapps.com/start");
            using var session = NewSession();

            AssertCancelledAs(session.Run(CancelTwo + " -ProfileName legacy"), $"arn:aws:sts::{Account}:assumed-role/AWSReservedSSO_Ops/");
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void AnExpiredOrMissingSsoLoginIsOneTerminatingErrorSayingHowToLogIn(bool expired)
        {
            using var home = Home(
                Profile("sso", $"sso_session = corp\nsso_account_id = {Account}\nsso_role_name = Ops")
                + "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n");
            if (expired)
            {
                home.CacheSsoToken("corp", SsoAccessToken, DateTime.UtcNow.AddHours(-1), "https://corp.awsapps.com/start");
            }
            using var session = NewSession();

            var (caught, result) = session.RunCatchingTerminating(CancelTwo + " -ProfileName sso");

            AssertOneTerminating(result, caught, "SsoLoginRequired", "'sso'", "aws sso login --profile sso");
            Assert.Empty(ServiceRequests);
        }

        [Fact]
        public void ARevokedSsoTokenIsOneTerminatingErrorSayingHowToLogIn()
        {
            using var home = Home(
                Profile("sso", $"sso_session = corp\nsso_account_id = {Account}\nsso_role_name = Ops")
                + "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n");
            home.CacheSsoToken("corp", "a-token-the-portal-does-not-know", DateTime.UtcNow.AddHours(1), "https://corp.awsapps.com/start");
            using var session = NewSession();

            var (caught, result) = session.RunCatchingTerminating(CancelTwo + " -ProfileName sso");

            AssertOneTerminating(result, caught, "SsoLoginRequired", "aws sso login --profile sso");
            Assert.Equal(1, Calls("GetRoleCredentials"));
            Assert.Empty(ServiceRequests);
        }

        [Fact]
        public void CredentialProcessStartsOncePerInvocation()
        {
            using var home = Home("");
            var count = Path.Combine(home.Root, "starts");
            var script = home.WriteScript("creds.sh",
                "echo '{\"Version\":1,\"AccessKeyId\":\"AKIDEXAMPLE\",\"SecretAccessKey\":\"" + Secret + "\"}'", count);
            File.WriteAllText(home.ConfigFile, Profile("proc", $"credential_process = {script}"));
            using var session = NewSession();

            AssertCancelledAs(session.Run(CancelTwo + " -ProfileName proc"), $"arn:aws:iam::{Account}:user/AKIDEXAMPLE");
            Assert.Equal(1, AwsHome.LineCount(count));
        }

        [Fact]
        public void AFailingCredentialProcessIsOneTerminatingErrorAndStartsOnce()
        {
            using var home = Home("");
            var count = Path.Combine(home.Root, "starts");
            var script = home.WriteScript("creds.sh", "echo 'token expired, run login' >&2\nexit 3", count);
            File.WriteAllText(home.ConfigFile, Profile("proc", $"credential_process = {script}"));
            using var session = NewSession();

            var (caught, result) = session.RunCatchingTerminating(CancelTwo + " -ProfileName proc");

            AssertOneTerminating(result, caught, "CredentialSourceFailed", "'proc'", "credential_process", "exit");
            Assert.Equal(1, AwsHome.LineCount(count));
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void ContainerCredentialsFromTheFullUriAndAuthorizationToken()
        {
            using var home = Home("");
            home.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", Url + "/container/credentials");
            home.Set("AWS_CONTAINER_AUTHORIZATION_TOKEN", ContainerToken);
            using var session = NewSession();

            AssertCancelledAs(session.Run(CancelTwo + $" -EndpointUrl {Url} -Region us-east-1"), $"arn:aws:sts::{Account}:assumed-role/Task/");
        }

        [Fact]
        public void ARoleTheSourceMayNotAssumeIsOneTerminatingErrorNamingProfileAndKind()
        {
            using var home = Home(Profile("base", "") + Profile("denied", "role_arn = arn:aws:iam::111122223333:role/NotTrusted\nsource_profile = base"), BaseCredentials);
            using var session = NewSession();

            var (caught, result) = session.RunCatchingTerminating(CancelTwo + " -ProfileName denied");

            AssertOneTerminating(result, caught, "CredentialSourceFailed", "'denied'", "assumed role", "AccessDenied");
            Assert.Equal(1, Calls("AssumeRole"));
            Assert.Empty(ServiceRequests);
        }

        [Fact]
        public void APSCredentialStillWorks()
        {
            using var home = Home("");
            using var session = NewSession();

            var result = session.Run($"$s = [securestring]::new(); '{Secret}'.ToCharArray() | ForEach-Object {{ $s.AppendChar($_) }}; $c = [pscredential]::new('AKIDEXAMPLE', $s); "
                + CancelTwo + $" -EndpointUrl {Url} -Region us-east-1 -Credential $c");

            AssertCancelledAs(result, $"arn:aws:iam::{Account}:user/AKIDEXAMPLE");
        }

        [Fact]
        public void AnEnvironmentEndpointThatIsNotHttpGetsTheEndpointCheck()
        {
            using var home = Home("");
            home.Set("AWS_ENDPOINT_URL", "ftp://x/");
            using var session = NewSession();

            var (caught, result) = session.RunCatchingTerminating(CancelTwo + $" -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey '{Secret}'");

            AssertOneTerminating(result, caught, "InvalidEndpointUrl", "AWS_ENDPOINT_URL", "ftp://x/");
        }

        [Fact]
        public void ACustomEndpointThatIsNotLoopbackNeedsARegion()
        {
            using var home = Home("");
            home.Set("AWS_ENDPOINT_URL", "https://vpce-0abc.iot.eu-west-1.vpce.amazonaws.com");
            using var session = NewSession();

            var (caught, result) = session.RunCatchingTerminating(CancelTwo + $" -AccessKey AKIDEXAMPLE -SecretKey '{Secret}'");

            AssertOneTerminating(result, caught, "NoRegion", "vpce-0abc", "-Region");
        }

        [Fact]
        public void ALoopbackEndpointMayGoWithoutARegion()
        {
            using var home = Home("");
            home.Set("AWS_ENDPOINT_URL", Url);
            using var session = NewSession();

            AssertCancelledAs(session.Run(CancelTwo + $" -AccessKey AKIDEXAMPLE -SecretKey '{Secret}'"), $"arn:aws:iam::{Account}:user/AKIDEXAMPLE");
        }

        /// <summary>
        /// SLOW (about 40 s, the one slow sign-in test): credentials that expire mid-run are refreshed by Core, so a
        /// long bulk run keeps succeeding and STS is called again.
        /// </summary>
        [Fact]
        [Trait("Speed", "Slow")]
        public void RoleCredentialsThatExpireMidRunAreRefreshed()
        {
            using var home = Home(Profile("base", "") + Profile("ops", $"role_arn = {Ops}\nsource_profile = base"), BaseCredentials);
            var things = Seeds.Range(40).Select(i => "t" + Seeds.Number(i)).ToArray();
            using var session = emulator.NewSession(Seeds.Document("iot", things.Select(t => "{\"jobId\":\"fw-9\",\"thingName\":\"" + t + "\",\"status\":\"QUEUED\"}")));
            emulator.State.SeedSignIn(new SignInSeed { Roles = new[] { new RoleSeed { Arn = Ops, TrustedPrincipals = new[] { EmulatorOptions.ExampleAccessKey } } } });
            emulator.State.Settings = emulator.State.Settings with { IssuedCredentialSeconds = 15 };
            try
            {
                var result = session.Run("'" + string.Join("','", things) + "' | Stop-IoTJobExecution -JobId fw-9 -ProfileName ops -MaxRequestsPerSecond 1 -ThrottleLimit 1 -Confirm:$false");

                result.AssertClean();
                Assert.Equal(40, result.Output.Count);
                var cancels = ServiceRequests;
                Assert.Equal(40, cancels.Length);
                Assert.All(cancels, r => Assert.Equal("Valid", r.Signature));
                Assert.True(cancels[^1].Time - cancels[0].Time > TimeSpan.FromSeconds(20), "The run must outlast the 15-second credentials.");
                Assert.True(Calls("AssumeRole") >= 2, "STS is called again when the first credentials near expiry.");
                // The cancels were signed with more than one set of temporary keys: the refreshed ones took over.
                var keys = cancels.Select(r => r.Headers["Authorization"].Split("Credential=")[1].Split('/')[0]).Distinct().ToArray();
                Assert.True(keys.Length >= 2, "Expected refreshed keys, got " + string.Join(", ", keys));
                Assert.All(keys, key => Assert.StartsWith("ASIA", key));
            }
            finally
            {
                emulator.State.Settings = emulator.State.Settings with { IssuedCredentialSeconds = 3600 };
            }
        }

        /// <summary>
        /// No secret reaches the user: not in any stream, $Error (bound parameters included), ConvertTo-Json, Out-String or
        /// CLIXML (Export-Clixml's serializer) of results and errors, including the canonical request an InvalidSignature
        /// answer echoes and the password in an endpoint URL. (Transcripts and Export-Clixml files: tests/Pester/SignIn.Tests.ps1.)
        /// </summary>
        [Fact]
        public void NoSecretReachesAnyStreamErrorTranscriptOrSerializedObject()
        {
            const string SessionToken = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN0123456789";
            const string WrongSecret = "wrongSecretKeyValue0123456789abcdefghijkl";
            const string Password = "hunter2-url-password";
            using var home = Home(Profile("base", "") + Profile("ops", $"role_arn = {Ops}\nsource_profile = base"), BaseCredentials);
            using var session = NewSession();
            var withPassword = Url.Replace("http://", "http://bob:" + Password + "@");

            // Secrets travel in variables, as in a real script: the command line itself is recorded by PowerShell (InvocationInfo).
            session.Run($"$wrongSecret = '{WrongSecret}'; $token = '{SessionToken}'; $secret = '{Secret}'; $withPassword = '{withPassword}'; $ftp = 'ftp://bob:{Password}@x/'").AssertClean();
            var scanned = session.Run($$"""
                $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'
                $all = @(
                    & { try { Stop-IoTJobExecution fw-7 sensor-1 -EndpointUrl {{Url}} -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey $wrongSecret -SessionToken $token -Confirm:$false } catch { $_ } } *>&1
                    & { try { Get-IoTJobExecution -JobId fw-7 -EndpointUrl $withPassword -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey $secret -Verbose } catch { $_ } } *>&1
                    & { try { 'sensor-1','sensor-2' | Stop-IoTJobExecution -JobId fw-7 -ProfileName ops -Confirm:$false -Verbose } catch { $_ } } *>&1
                    & { try { Stop-IoTJobExecution fw-7 sensor-2 -ProfileName ops -EndpointUrl $ftp } catch { $_ } } *>&1
                )
                [string[]]$text = @(
                    ($all | ForEach-Object { "$_" })
                    ($all | ForEach-Object { $_.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" } })
                    ($Error | ForEach-Object { $_.Exception.ToString(); $_.ErrorDetails; $_.TargetObject; $_.InvocationInfo.BoundParameters.Values | ForEach-Object { "$_" } })
                    ($all | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue)
                    ($Error | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue)
                    ($all | Out-String -Width 500)
                    ($Error | Out-String -Width 500)
                    [System.Management.Automation.PSSerializer]::Serialize($all, 6)
                    [System.Management.Automation.PSSerializer]::Serialize($Error, 6)
                    ($all.Count)
                )
                $text
                """);

            Assert.Null(scanned.Terminating);
            Assert.Empty(scanned.Errors);
            var text = string.Join("\n", scanned.Output.Select(o => o?.ToString()));
            // The scan saw the failures it is about: the echoed canonical request (token masked) and the masked URL.
            Assert.Contains("x-amz-security-token:***", text);
            Assert.Contains("://***@", text);
            Assert.Contains("InvalidEndpointUrl", text);
            var secrets = new[] { SessionToken, WrongSecret, Password, Secret }.Concat(emulator.State.IssuedSecrets).ToArray();
            Assert.True(emulator.State.IssuedSecrets.Count >= 2, "The role was assumed, so issued secrets are part of the scan.");
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text);
                Assert.DoesNotContain(System.Security.SecurityElement.Escape(secret)!, text);
            }
            Assert.DoesNotContain(secrets, s => session.Host.TestUI.Text.Contains(s) || session.Host.TestUI.Verbose.Any(v => v.Contains(s)));
        }
    }
}
