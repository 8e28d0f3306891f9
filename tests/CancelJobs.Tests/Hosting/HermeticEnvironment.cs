using System;
using System.Runtime.CompilerServices;

namespace CancelJobs.Tests.Hosting
{
    /// <summary>
    /// The module resolves region and credentials from the environment like any AWS SDK. Tests must not see the
    /// machine's AWS configuration, nor wait on an instance-metadata probe that cannot succeed here.
    /// </summary>
    internal static class HermeticEnvironment
    {
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
            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/cancel-jobs-tests/credentials");
            Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", "/nonexistent/cancel-jobs-tests/config");
        }
    }
}
