using System;
using nanoFramework.TestFramework;
using TcAtMcu.Ota;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Ota
{
    [TestClass]
    public class Md5Tests
    {
        // RFC 1321, appendix A.5.
        private static readonly string[] Inputs =
        {
            "", "a", "abc", "message digest", "abcdefghijklmnopqrstuvwxyz",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
        };

        private static readonly string[] Digests =
        {
            "d41d8cd98f00b204e9800998ecf8427e", "0cc175b9c0f1b6a831c399e269772661", "900150983cd24fb0d6963f7d28e17f72",
            "f96b697d7cb7938d525a2f31aaf161d0", "c3fcd3d76192e4007dfb496cca67e13b", "d174ab98d277d9f5a5611c2c9f419d9f",
            "57edf4a22be3c955ac49da2e2107b67a",
        };

        [TestMethod]
        public void RfcVectorsInOneUpdate()
        {
            Md5 md5 = new Md5();
            byte[] digest = new byte[16];
            for (int i = 0; i < Inputs.Length; i++)
            {
                byte[] input = Bytes.Of(Inputs[i]);
                md5.Update(input, 0, input.Length);
                md5.Final(digest, 0);
                Assert.IsTrue(Md5.Matches(digest, 0, Digests[i]), "\"" + Inputs[i] + "\"");
            }
        }

        [TestMethod]
        public void RfcVectorsInRandomChunks()
        {
            Md5 md5 = new Md5();
            byte[] digest = new byte[18];
            Random random = new Random(5);
            for (int round = 0; round < 20; round++)
            {
                for (int i = 0; i < Inputs.Length; i++)
                {
                    byte[] input = Bytes.Of(Inputs[i]);
                    int at = 0;
                    while (at < input.Length)
                    {
                        int n = 1 + random.Next(70);
                        if (n > input.Length - at) n = input.Length - at;
                        md5.Update(input, at, n);
                        at += n;
                    }
                    md5.Final(digest, 2);
                    Assert.IsTrue(Md5.Matches(digest, 2, Digests[i]), "\"" + Inputs[i] + "\" round " + round);
                }
            }
        }

        [TestMethod]
        public void PaddingEdgesAroundOneBlock()
        {
            // 55, 56, 63, 64 and 65 bytes: the length field fits, just misses, or spills into a second block.
            string[] digests =
            {
                "ef1772b6dff9a122358552954ad0df65", "3b0c8ac703f828b04c6c197006d17218", "b06521f39153d618550606be297466d5",
                "014842d480b571495a4a0363793f7367", "c743a45e0d2e6a95cb859adae0248435",
            };
            int[] lengths = { 55, 56, 63, 64, 65 };
            Md5 md5 = new Md5();
            byte[] digest = new byte[16];
            for (int i = 0; i < lengths.Length; i++)
            {
                byte[] input = Bytes.Of(new string('a', lengths[i]));
                md5.Update(input, 0, input.Length);
                md5.Final(digest, 0);
                Assert.IsTrue(Md5.Matches(digest, 0, digests[i]), lengths[i] + " bytes");
            }
        }

        [TestMethod]
        public void MatchesRejectsOtherDigestsAndBadHex()
        {
            byte[] digest = new byte[16];
            Md5 md5 = new Md5();
            md5.Final(digest, 0);
            Assert.IsTrue(Md5.Matches(digest, 0, "D41D8CD98F00B204E9800998ECF8427E"), "upper case");
            Assert.IsFalse(Md5.Matches(digest, 0, "d41d8cd98f00b204e9800998ecf8427f"));
            Assert.IsFalse(Md5.Matches(digest, 0, "d41d8cd98f00b204e9800998ecf8427"));
            Assert.IsFalse(Md5.Matches(digest, 0, "x41d8cd98f00b204e9800998ecf8427e"));
            Assert.IsFalse(Md5.Matches(digest, 0, null));
        }
    }
}
