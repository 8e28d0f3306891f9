using System.Text.RegularExpressions;

namespace CancelJobs.Emulator.Services.Dms;

/// <summary>DMS accepts a migration project by name or by ARN; the emulator keys projects by name.</summary>
internal static class DmsProjects
{
    private static readonly Regex Arn = new(@"^arn:aws[a-z-]*:dms:[a-z0-9-]+:[0-9]{12}:migration-project:(?<name>.+)$", RegexOptions.Compiled);

    public static string NameOf(string identifier)
    {
        Match arn = Arn.Match(identifier);
        return arn.Success ? arn.Groups["name"].Value : identifier;
    }
}
