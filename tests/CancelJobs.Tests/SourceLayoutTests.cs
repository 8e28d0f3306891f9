using System;
using System.Linq;
using CancelJobs.Tests.Completeness;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>
    /// Every C# file under src/ holds one top-level type, is named after it and sits in the namespace its folder says,
    /// so a type is found by its name and a namespace by its folder.
    /// </summary>
    public sealed class SourceLayoutTests
    {
        [Fact]
        public void EverySourceFileHoldsOneTypeNamedAsTheFileInTheNamespaceOfItsFolder()
        {
            var violations = SourceLayout.Violations(RepoPaths.Root);

            Assert.True(violations.Count == 0, "Source files that break the layout (one top-level type per file, named after it, namespace = folder):\n" + string.Join("\n", violations));
        }

        [Fact]
        public void TheCheckNamesEachKindOfBreach()
        {
            Assert.Empty(SourceLayout.Check("Page.cs", """
                namespace CancelJobs.Engine.Model
                {
                    // class NotCounted {}  -- comments, strings and nested types are not top-level types
                    public sealed class Page<T> { private sealed class Inner { } private const string Text = "class Other {}"; }
                }
                """, "CancelJobs.Engine.Model"));
            Assert.Empty(SourceLayout.Check("Program.cs", "namespace CancelJobs.Shell;\ninternal static class Program { }\n", "CancelJobs.Shell"));

            Assert.Equal(new[] { "declares 2 top-level types (Target, Run): one per file" },
                SourceLayout.Check("Target.cs", "namespace A.B { class Target { } record Run(string Id); }", "A.B"));
            Assert.Equal(new[] { "declares WaitPolicy: the file must be named WaitPolicy.cs" },
                SourceLayout.Check("JobCanceller.cs", "namespace A { enum WaitPolicy { X } }", "A"));
            Assert.Equal(new[] { "CoreServiceClient is in namespace 'CancelJobs.Engine.Aws': its folder says CancelJobs.Engine.Aws.CoreAdapter" },
                SourceLayout.Check("CoreServiceClient.cs", "namespace CancelJobs.Engine.Aws { internal sealed class CoreServiceClient { } }", "CancelJobs.Engine.Aws.CoreAdapter"));
            Assert.Equal(new[] { "Handler is in namespace '': its folder says A" },
                SourceLayout.Check("Handler.cs", "delegate void Handler();", "A"));
            Assert.Equal(new[] { "declares no type" }, SourceLayout.Check("Empty.cs", "namespace A { }", "A"));
        }
    }
}
