using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Amazon;

namespace CancelJobs.Engine.Completion
{
    /// <summary>What tab completion offers for the AWS parameters, from AWSSDK.Core's own knowledge.</summary>
    public static class CompletionSources
    {
        /// <summary>
        /// The regions Core knows, as (system name, display name), e.g. ("eu-west-1", "Europe (Ireland)"): the public
        /// partition's first, then the others (China, GovCloud, ISO); names that are not regions a user types (Core's
        /// "us-east-1-regional" endpoint variant, partition-wide pseudo-regions such as "aws-global") are left out.
        /// </summary>
        public static IReadOnlyList<KeyValuePair<string, string>> Regions() =>
            RegionEndpoint.EnumerableAllRegions
                .Where(region => RegionName.IsMatch(region.SystemName))
                .Select(region => new KeyValuePair<string, string>(region.SystemName, region.DisplayName ?? region.SystemName))
                .OrderBy(pair => IsPublic(pair.Key) ? 0 : 1)
                .ThenBy(pair => pair.Key, StringComparer.Ordinal)
                .ToList();

        private static readonly System.Text.RegularExpressions.Regex RegionName =
            new System.Text.RegularExpressions.Regex(@"^[a-z]{2}(-[a-z]+)+-\d+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>The public AWS partition (aws): not China (cn-), GovCloud (us-gov-) or an isolated region (…-iso…).</summary>
        private static bool IsPublic(string region) =>
            !region.StartsWith("cn-", StringComparison.Ordinal) && !region.StartsWith("us-gov-", StringComparison.Ordinal)
            && region.IndexOf("-iso", StringComparison.Ordinal) < 0;

        /// <summary>
        /// Profile names from the shared config file (AWS_CONFIG_FILE or ~/.aws/config) and credentials file
        /// (<paramref name="profileLocation"/>, AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials): their section names,
        /// so a config-only profile (SSO, assume role) is offered too. Unreadable files give no names, never an error.
        /// </summary>
        public static IReadOnlyList<string> ProfileNames(string? profileLocation)
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var config = Environment.GetEnvironmentVariable("AWS_CONFIG_FILE") is { Length: > 0 } configFile ? configFile : Path.Combine(home, ".aws", "config");
            var credentials = !string.IsNullOrEmpty(profileLocation) ? profileLocation!
                : Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE") is { Length: > 0 } credentialsFile ? credentialsFile
                : Path.Combine(home, ".aws", "credentials");
            return Sections(config, inConfig: true).Concat(Sections(credentials, inConfig: false))
                .Distinct(StringComparer.Ordinal).OrderBy(name => name, StringComparer.Ordinal).ToList();
        }

        private static IEnumerable<string> Sections(string path, bool inConfig)
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (Exception)
            {
                yield break;
            }
            foreach (var raw in lines)
            {
                var line = raw.Trim();
                if (line.Length < 3 || line[0] != '[' || line[line.Length - 1] != ']')
                {
                    continue;
                }
                var section = line.Substring(1, line.Length - 2).Trim();
                if (inConfig && section.StartsWith("profile ", StringComparison.Ordinal))
                {
                    yield return section.Substring("profile ".Length).Trim();
                }
                else if (section.IndexOf(' ') < 0)
                {
                    // "default" (and plain names in the credentials file); "sso-session x" and "services x" are not profiles.
                    yield return section;
                }
            }
        }
    }
}
