using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using CancelJobs.Engine.Errors;
using Xunit;

namespace CancelJobs.Engine.Tests
{
    /// <summary>
    /// Every error the AWS models list for an operation the module calls (models/aws-model-constraints.json) has its own
    /// ErrorId: none falls through to the generic ServiceError, so each reaches the user with the right kind.
    /// </summary>
    public sealed class ModelErrorClassificationTests
    {
        // The operations the module calls today (the data file also holds IoT CancelJob/ListJobs/DescribeJob for commands
        // to come, and DMS StartMetadataModelConversion for the emulator).
        private static readonly Dictionary<string, string[]> Called = new Dictionary<string, string[]>
        {
            ["iottwinmaker"] = new[] { "CancelMetadataTransferJob", "GetMetadataTransferJob", "ListMetadataTransferJobs" },
            ["iot"] = new[] { "CancelJobExecution", "DescribeJobExecution", "ListJobExecutionsForJob", "ListJobExecutionsForThing" },
            ["dms"] = new[] { "CancelMetadataModelConversion", "DescribeMetadataModelConversions" },
            ["datazone"] = new[] { "CancelMetadataGenerationRun", "GetMetadataGenerationRun", "ListMetadataGenerationRuns" },
        };

        public static IEnumerable<object[]> ModelledErrors()
        {
            using var document = JsonDocument.Parse(File.ReadAllText(DataFile()));
            var services = document.RootElement.GetProperty("services");
            foreach (var pair in Called)
            {
                foreach (var operation in pair.Value)
                {
                    foreach (var error in services.GetProperty(pair.Key).GetProperty("operations").GetProperty(operation).GetProperty("errors").EnumerateArray())
                    {
                        yield return new object[] { pair.Key, operation, error.GetProperty("code").GetString()!, error.GetProperty("status").GetInt32() };
                    }
                }
            }
        }

        [Theory]
        [MemberData(nameof(ModelledErrors))]
        public void Each_modelled_error_has_its_own_ErrorId(string service, string operation, string code, int status)
        {
            var answer = new AmazonServiceException("refused", null, status >= 500 ? ErrorType.Receiver : ErrorType.Sender, code, "req-1", (HttpStatusCode)status);

            var failure = FailureClassifier.Classify(answer, $"{service} {operation} target");

            Assert.NotEqual("ServiceError", failure.ErrorId);
            Assert.NotEqual("UnexpectedError", failure.ErrorId);
            Assert.NotEqual("EndpointNotAws", failure.ErrorId);
            if (code == "ConflictException" || code == "InvalidStateTransitionException" || code == "InvalidResourceStateFault")
            {
                // A state conflict, whatever the service calls it: the canceller then reads the state (AlreadyCancelled).
                Assert.Equal("InvalidJobState", failure.ErrorId);
            }
        }

        private static string DataFile()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "CancelJobs.sln")))
            {
                directory = directory.Parent;
            }
            return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("CancelJobs.sln not found"), "models", "aws-model-constraints.json");
        }
    }
}
