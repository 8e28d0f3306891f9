using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace CancelJobs.Bench;

internal static class Paths
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    public static string Root { get; } = FindRoot();

    /// <summary>The module as the build lays it out (the bench's ProjectReference on src/CancelJobs builds it).</summary>
    public static string ModuleManifest => Path.Combine(Root, "out", "CancelJobs", "CancelJobs.psd1");

    public static string EmptyModuleManifest => Path.Combine(AppContext.BaseDirectory, "EmptyModule", "EmptyModule.psd1");

    public static string JsDirectory => Path.Combine(Root, "bench", "js");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "CancelJobs.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("CancelJobs.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The bench (and every child it starts) must never see real AWS configuration or probe instance metadata.</summary>
internal static class HermeticEnvironment
{
    [ModuleInitializer]
    internal static void Apply()
    {
        foreach (var name in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
                     "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_IOT", "AWS_ENDPOINT_URL_IOTTWINMAKER",
                     "AWS_ENDPOINT_URL_DATABASE_MIGRATION_SERVICE", "AWS_ENDPOINT_URL_DATAZONE", "AWS_WEB_IDENTITY_TOKEN_FILE",
                     "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_RETRY_MODE", "AWS_MAX_ATTEMPTS" })
        {
            Environment.SetEnvironmentVariable(name, null);
        }
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/cancel-jobs-bench/credentials");
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", "/nonexistent/cancel-jobs-bench/config");
    }
}
