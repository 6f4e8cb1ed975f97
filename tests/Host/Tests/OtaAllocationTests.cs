using System;
using System.Runtime.CompilerServices;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Ota;
using TcAtMcu.Tests.Support;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// OTA allocates nothing per chunk: a 120-chunk run allocates exactly what a 20-chunk run does (the image info's
    /// strings, once per run).
    /// </summary>
    public class OtaAllocationTests
    {
        private static (ModuleHarness Harness, OtaUpdater Updater) Rig(int chunks)
        {
            ModuleHarness h = new ModuleHarness(chunks);
            byte[] image = new byte[chunks * 1024];
            new Random(chunks).NextBytes(image);
            Md5 md5 = new Md5();
            byte[] digest = new byte[16];
            md5.Update(image, 0, image.Length);
            md5.Final(digest, 0);
            h.Wire.On("AT+TCFWINFO?\r\n", "OK\r\n+TCFWINFO:\"9.9.9\"," + image.Length + ",\"" + Bytes.Hex(digest, 0, 16) + "\",716800\r\n");
            for (int i = 0; i < chunks; i++)
            {
                h.Wire.On("AT+TCREADFWDATA=1024\r\n", "OK\r\n+TCREADFWDATA:1024," + Bytes.Text(image, i * 1024, 1024) + "\r\n");
            }
            return (h, new OtaUpdater(h.Module, new MemorySink(image.Length), 1024));
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static long AllocatedBy(OtaUpdater updater, out OtaOutcome outcome)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            outcome = updater.Run();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        [Fact]
        public void MoreChunksCostNoMoreMemory()
        {
            var warm = Rig(5);
            AllocatedBy(warm.Updater, out _);

            var small = Rig(20);
            var large = Rig(120);
            long smallBytes = AllocatedBy(small.Updater, out OtaOutcome smallOutcome);
            long largeBytes = AllocatedBy(large.Updater, out OtaOutcome largeOutcome);

            Assert.Equal(OtaOutcome.Installed, smallOutcome);
            Assert.Equal(OtaOutcome.Installed, largeOutcome);
            Assert.Equal(smallBytes, largeBytes);
        }
    }
}
