using CancelJobs.Engine.Errors;

namespace CancelJobs.Infrastructure
{
    /// <summary>The parameter that gives each setting the engine's messages mention: the one place they meet.</summary>
    internal static class ParameterNames
    {
        public static string Of(Setting setting) => setting switch
        {
            Setting.Region => "-Region",
            Setting.ProfileName => "-ProfileName",
            Setting.ProfileLocation => "-ProfileLocation",
            Setting.EndpointUrl => "-EndpointUrl",
            Setting.AccessKey => "-AccessKey",
            Setting.SecretKey => "-SecretKey",
            Setting.SessionToken => "-SessionToken",
            Setting.Credential => "-Credential",
            Setting.ThrottleTimeout => "-ThrottleTimeout",
            Setting.MaxRequestsPerSecond => "-MaxRequestsPerSecond",
            Setting.Debug => "-Debug",
            _ => "-" + setting,
        };

        /// <summary>An engine text with each setting it mentions named as the parameter that sets it.</summary>
        public static string Fill(string text) => Mention.Fill(text, Of);
    }
}
