using System;
using System.IO;

namespace CancelJobs.Tests.Hosting
{
    public static class RepoPaths
    {
        public static string Root { get; } = FindRoot();

        /// <summary>The built module, laid out by the CancelJobs project's build.</summary>
        public static string BuiltManifest => Path.Combine(Root, "out", "CancelJobs", "CancelJobs.psd1");

        public static string SourceManifest => Path.Combine(Root, "CancelJobs.psd1");

        private static string FindRoot()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "CancelJobs.sln")))
            {
                directory = directory.Parent;
            }
            return directory?.FullName ?? throw new InvalidOperationException("CancelJobs.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
