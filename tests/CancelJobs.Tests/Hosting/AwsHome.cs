using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace CancelJobs.Tests.Hosting
{
    /// <summary>
    /// A temporary HOME with its own ~/.aws/config, ~/.aws/credentials and SSO token cache, pointed to by HOME,
    /// AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE for as long as it lives. Environment variables are
    /// process-wide, so classes using it belong to the <see cref="SignInCollection"/>, which runs alone.
    /// </summary>
    public sealed class AwsHome : IDisposable
    {
        private readonly string? originalHome = Environment.GetEnvironmentVariable("HOME");
        private readonly List<string> setVariables = new List<string>();

        public AwsHome(string config, string credentials = "")
        {
            // The hermetic environment's files: AWSSDK.Core keeps the config file paths it first read for the process.
            Root = HermeticEnvironment.Home;
            if (Directory.Exists(Root))
            {
                Directory.Delete(Root, recursive: true);
            }
            Directory.CreateDirectory(Path.Combine(Root, ".aws", "sso", "cache"));
            File.WriteAllText(ConfigFile, config);
            File.WriteAllText(CredentialsFile, credentials);
            Set("HOME", Root);
        }

        public string Root { get; }
        public string ConfigFile => HermeticEnvironment.ConfigFile;
        public string CredentialsFile => HermeticEnvironment.CredentialsFile;

        public void Set(string name, string? value)
        {
            setVariables.Add(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        /// <summary>Writes a file under the temporary home and returns its full path.</summary>
        public string WriteFile(string relativePath, string content)
        {
            var path = Path.Combine(Root, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
            return path;
        }

        /// <summary>An executable shell script (credential_process) that appends a line to <paramref name="countFile"/> each start.</summary>
        public string WriteScript(string name, string body, string countFile)
        {
            var path = WriteFile(name, "#!/bin/sh\necho started >> '" + countFile + "'\n" + body + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            return path;
        }

        /// <summary>What 'aws sso login' leaves: ~/.aws/sso/cache/&lt;sha1 of the session name or start URL&gt;.json.</summary>
        public void CacheSsoToken(string sessionNameOrStartUrl, string accessToken, DateTime expiresAtUtc, string startUrl)
        {
            var key = Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(sessionNameOrStartUrl))).ToLowerInvariant();
            WriteFile(Path.Combine(".aws", "sso", "cache", key + ".json"),
                "{\"accessToken\":\"" + accessToken + "\",\"expiresAt\":\"" + expiresAtUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)
                + "\",\"region\":\"us-east-1\",\"startUrl\":\"" + startUrl + "\"}");
        }

        public static int LineCount(string path) => File.Exists(path) ? File.ReadAllLines(path).Length : 0;

        public void Dispose()
        {
            foreach (var name in setVariables)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
            Environment.SetEnvironmentVariable("HOME", originalHome);
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp folder left behind is harmless.
            }
            HermeticEnvironment.Apply();
        }
    }

    /// <summary>Tests that change process-wide environment variables (HOME, AWS_*): run after the others, one at a time.</summary>
    [Xunit.CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class SignInCollection
    {
        public const string Name = "Sign-in (process environment)";
    }
}
