using System;
using CancelJobs.Engine.Connection;
using Xunit;

namespace CancelJobs.Engine.Tests
{
    /// <summary>Redaction that does not depend on how a secret is quoted, encoded or named.</summary>
    public sealed class SecretsTests
    {
        // Unique per test class run: registration is process-wide, and other tests must not depend on it.
        private const string SecretKey = "kR9/xq+T2vZ8wLmN4pQs7uYb3eHcJ6fGdA1iOoKz";
        private const string SessionToken = "IQoJb3JpZ2luX2VjE//+token/with+plus==";

        static SecretsTests() => Secrets.Register(SecretKey, SessionToken);

        [Theory]
        [InlineData("{\"message\":\"bad key " + SecretKey + "\"}")]
        [InlineData("{\"message\":\"bad key kR9\\/xq\\u002BT2vZ8wLmN4pQs7uYb3eHcJ6fGdA1iOoKz\"}")]
        [InlineData("<Error><Key>" + SecretKey + "</Key></Error>")]
        [InlineData("key=kR9%2Fxq%2BT2vZ8wLmN4pQs7uYb3eHcJ6fGdA1iOoKz&x=1")]
        [InlineData("key=kR9%2fxq%2bT2vZ8wLmN4pQs7uYb3eHcJ6fGdA1iOoKz")]
        [InlineData("stderr: token IQoJb3JpZ2luX2VjE//+token/with+plus== expired")]
        [InlineData("X-Amz-Security-Token: IQoJb3JpZ2luX2VjE%2F%2F%2Btoken%2Fwith%2Bplus%3D%3D")]
        public void AKnownSecretIsMaskedInEveryEncoding(string text)
        {
            var redacted = Secrets.Redact(text);

            Assert.Contains(Secrets.Mask, redacted);
            Assert.DoesNotContain("kR9", redacted);
            Assert.DoesNotContain("IQoJb3JpZ2luX2VjE", redacted);
        }

        [Theory]
        [InlineData("{\"X-Amz-Security-Token\": \"UnknownToken0123456789\"}")]
        [InlineData("{ \"SecretAccessKey\" : \"UnknownToken0123456789\", \"SessionToken\": \"UnknownToken0123456789\" }")]
        [InlineData("{\\\"SessionToken\\\":\\\"UnknownToken0123456789\\\"}")]
        [InlineData("<SessionToken>UnknownToken0123456789</SessionToken>")]
        [InlineData("<sts:SecretAccessKey>UnknownToken0123456789</sts:SecretAccessKey>")]
        [InlineData("X-Amz-Security-Token=UnknownToken0123456789&X-Amz-Date=20260101T000000Z")]
        [InlineData("x-amz-security-token%3DUnknownToken0123456789")]
        [InlineData("x-amz-security-token:UnknownToken0123456789\nhost:example")]
        [InlineData("aws_secret_access_key = UnknownToken0123456789")]
        [InlineData("Authorization: Bearer UnknownToken0123456789")]
        [InlineData("'accessToken': 'UnknownToken0123456789'")]
        public void AnUnknownSecretUnderASecretsNameIsMaskedInAnyForm(string text)
        {
            var redacted = Secrets.Redact(text);

            Assert.DoesNotContain("UnknownToken0123456789", redacted);
            Assert.Contains(Secrets.Mask, redacted);
        }

        [Theory]
        [InlineData("http://bob:p@ss/word@127.0.0.1:4566/x", "http://***@127.0.0.1:4566/x")]
        [InlineData("bob:p@ss/word@127.0.0.1:4566", "***@127.0.0.1:4566")]
        [InlineData("https://bob:plain@host", "https://***@host")]
        [InlineData("http://127.0.0.1:4566", "http://127.0.0.1:4566")]
        public void UrlUserInfoIsMaskedWhateverThePasswordHolds(string url, string shown)
        {
            Assert.Equal(shown, Secrets.RedactUrl(url));
        }

        [Fact]
        public void OrdinaryTextIsLeftAlone()
        {
            const string text = "Pass -AccessKey, -SecretKey and -SessionToken; the password is wrong. IoT job fw-7 on thing sensor-1.";

            Assert.Equal(text, Secrets.Redact(text));
        }
    }
}
