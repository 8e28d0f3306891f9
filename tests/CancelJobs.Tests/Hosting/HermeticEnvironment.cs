using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace CancelJobs.Tests.Hosting
{
    /// <summary>
    /// The module resolves region and credentials from the environment like any AWS SDK. Tests must not see the
    /// machine's AWS configuration, nor wait on an instance-metadata probe that cannot succeed here.
    /// </summary>
    internal static class HermeticEnvironment
    {
        /// <summary>A home folder for this test process; AwsHome points HOME here while a sign-in test runs.</summary>
        public static readonly string Home = Path.Combine(Path.GetTempPath(), "canceljobs-home-" + Environment.ProcessId);
        public static string AwsFolder => Path.Combine(Home, ".aws");
        public static string ConfigFile => Path.Combine(AwsFolder, "config");
        public static string CredentialsFile => Path.Combine(AwsFolder, "credentials");

        [ModuleInitializer]
        internal static void Apply()
        {
            foreach (var name in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
                         "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_IOT", "AWS_ENDPOINT_URL_IOTTWINMAKER",
                         "AWS_ENDPOINT_URL_DATABASE_MIGRATION_SERVICE", "AWS_ENDPOINT_URL_DATAZONE", "AWS_WEB_IDENTITY_TOKEN_FILE",
                         "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                         "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                         "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_SSO", "AWS_ENDPOINT_URL_SSO_OIDC" })
            {
                Environment.SetEnvironmentVariable(name, null);
            }
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
            // Empty files that exist: AWSSDK.Core fixes the config and credentials paths for the process the first time it
            // reads them (a path that does not exist then falls back to ~/.aws). AwsHome writes profiles into these same files.
            Directory.CreateDirectory(AwsFolder);
            File.WriteAllText(CredentialsFile, "");
            File.WriteAllText(ConfigFile, "");
            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", CredentialsFile);
            Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", ConfigFile);
        }
    }
}
