using System;
using System.Security.Cryptography;
using TcAtMcu.Ota;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>The firmware's MD5 against .NET's on random data, and its steady state allocates nothing.</summary>
    public class Md5HostTests
    {
        [Fact]
        public void AgreesWithDotNetOnRandomDataAndChunking()
        {
            Random random = new Random(1321);
            Md5 md5 = new Md5();
            byte[] digest = new byte[16];
            for (int round = 0; round < 200; round++)
            {
                byte[] data = new byte[random.Next(0, 20000)];
                random.NextBytes(data);
                int at = 0;
                while (at < data.Length)
                {
                    int n = Math.Min(random.Next(1, 5000), data.Length - at);
                    md5.Update(data, at, n);
                    at += n;
                }
                md5.Final(digest, 0);
                Assert.Equal(Convert.ToHexStringLower(MD5.HashData(data)), Convert.ToHexStringLower(digest));
            }
        }

        [Fact]
        public void UpdatesAllocateNothing()
        {
            Md5 md5 = new Md5();
            byte[] chunk = new byte[4096];
            byte[] digest = new byte[16];
            new Random(7).NextBytes(chunk);
            md5.Update(chunk, 0, chunk.Length);
            md5.Final(digest, 0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                md5.Update(chunk, i % 7, chunk.Length - 7);
            }
            md5.Final(digest, 0);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
