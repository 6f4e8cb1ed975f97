using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Ota;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The OTA path (OtaUpdater, ChunkHasher, Md5, the module's OTA commands, the engine's data blocks) against a
    /// plain reference: System.Security.Cryptography.MD5 over the whole image and the plain list of chunks it splits
    /// into. The module is the attacker (<see cref="HostileOtaModule"/>): whatever it does, nothing but the announced
    /// image with the announced MD5 is ever committed, each attack ends with the outcome that names it, the sink sees
    /// Begin, writes and one Commit or Abort, and the next honest run installs the image exactly once.
    /// </summary>
    public class OtaModelProperties
    {
        private static Config Runs(int count) => Config.QuickThrowOnFailure.WithMaxTest(count).WithQuietOnSuccess(true);

        private const int ReadTimeoutMs = 60;

        /// <summary>One generated case: an image, how it is read, what the module does to it.</summary>
        public sealed record OtaCase(int Size, int Chunk, int Capacity, int MaxFragment, OtaAttack Attack, int At, int Param, int Seed)
        {
            public override string ToString() =>
                $"size {Size}, chunk {Chunk}, capacity {Capacity}, fragments of 1..{MaxFragment}, {Attack} at chunk {At} ({Param}), seed {Seed}";
        }

        private static readonly int[] ChunkSizes = { 1, 2, 3, 7, 16, 64, 255, 256, 1000, 4095, 4096 };

        /// <summary>Sizes 0, 1, chunk-1, chunk, chunk+1, the sink's capacity, one over it, and any in between.</summary>
        private static Gen<OtaCase> Cases(Gen<OtaAttack> attacks) =>
            from chunk in Gen.OneOf(Gen.Elements(ChunkSizes), Gen.Choose(1, 4096))
            from chunks in Gen.Choose(1, 24)
            from pick in Gen.Choose(0, 9)
            from free in Gen.Choose(0, 3 * chunk)
            from fragment in Gen.Elements(1, 2, 7, 64, 5000)
            from attack in attacks
            from at in Gen.Choose(0, 24)
            from param in Gen.Choose(1, 5000)
            from seed in Gen.Choose(0, int.MaxValue)
            let capacity = Math.Min(chunks * chunk, 200000)
            let size = pick switch
            {
                0 => 0,
                1 => 1,
                2 => Math.Max(0, chunk - 1),
                3 => chunk,
                4 => chunk + 1,
                5 => capacity,
                6 => capacity + 1,
                _ => free * chunks / 3 % (capacity + 1),
            }
            select new OtaCase(size, chunk, Math.Max(capacity, 1), fragment, attack, at % Math.Max(1, (size + chunk - 1) / chunk), param, seed);

        private sealed class Run
        {
            public HostileOtaModule Module;
            public AtEngine Engine;
            public TcModule Tc;
            public RecordingSink Sink;
            public OtaUpdater Updater;
            public byte[] Image;

            public Run(OtaCase c) : this(c, RandomImage(c), null)
            {
            }

            public Run(OtaCase c, byte[] image, IFirmwareSink store)
            {
                Image = image;
                Module = new HostileOtaModule(Image, c.Seed, c.MaxFragment) { Attack = c.Attack, At = c.At, Param = c.Param };
                AtEngineOptions options = new AtEngineOptions { FrameStallMs = ReadTimeoutMs / 3, BusyBackoffMs = 1 };
                Engine = new AtEngine(Module, options);
                Module.Attach(Engine);
                Tc = new TcModule(Engine) { FirmwareReadTimeoutMs = ReadTimeoutMs, LocalTimeoutMs = ReadTimeoutMs };
                Sink = new RecordingSink(c.Capacity);
                Updater = new OtaUpdater(Tc, store ?? Sink, c.Chunk);
            }

            /// <summary>The line quiet as the reader thread would see it, idle: a block the attack left open is closed.</summary>
            public void Quiet()
            {
                for (int i = 0; i < 2; i++)
                {
                    System.Threading.Thread.Sleep(ReadTimeoutMs / 3 + 5);
                    Engine.CheckStall();
                }
            }

            private static byte[] RandomImage(OtaCase c)
            {
                byte[] image = new byte[c.Size];
                new Random(c.Seed).NextBytes(image);
                return image;
            }
        }

        /// <summary>The chunks the reference splits the image into: full ones, then the rest.</summary>
        private static List<int> ChunksOf(int size, int chunk)
        {
            List<int> chunks = new List<int>();
            for (int at = 0; at < size; at += chunk)
            {
                chunks.Add(Math.Min(chunk, size - at));
            }
            return chunks;
        }

        /// <summary>The outcomes the reference allows for a case: what the announced image and the wire say.</summary>
        private static OtaOutcome[] Expected(OtaCase c, byte[] image)
        {
            int size = c.Size;
            int max = 716800;
            switch (c.Attack)
            {
                case OtaAttack.NoImage: return new[] { OtaOutcome.NoImage };
                case OtaAttack.GarbledMd5: return new[] { OtaOutcome.BadImageInfo };
                case OtaAttack.SizeOverMax: return new[] { OtaOutcome.BadImageInfo };
                case OtaAttack.SizeLarger:
                    int announced = size + c.Param;
                    if (announced > c.Capacity || announced > max)
                    {
                        return new[] { OtaOutcome.BadImageInfo };
                    }
                    // All of the image arrives, then a short last chunk, or (on a chunk boundary) a read past the end.
                    return new[] { size % c.Chunk == 0 ? OtaOutcome.ReadFailed : OtaOutcome.ShortImage };
            }
            if (c.Attack == OtaAttack.SizeSmaller)
            {
                int smaller = size <= 1 ? size : Math.Max(1, size - c.Param);
                return new[] { smaller < 1 || smaller > c.Capacity ? OtaOutcome.BadImageInfo : smaller == size ? OtaOutcome.Installed : OtaOutcome.Md5Mismatch };
            }
            if (size < 1 || size > c.Capacity)
            {
                return new[] { OtaOutcome.BadImageInfo };
            }
            List<int> chunks = ChunksOf(size, c.Chunk);
            int n = chunks[c.At];
            switch (c.Attack)
            {
                case OtaAttack.WrongMd5: return new[] { OtaOutcome.Md5Mismatch };
                case OtaAttack.FlipByte: return new[] { OtaOutcome.Md5Mismatch };
                case OtaAttack.ShortAnswer: return new[] { OtaOutcome.ShortImage };
                case OtaAttack.LongAnswer: return new[] { OtaOutcome.ReadFailed };
                case OtaAttack.CutAnswer: return new[] { OtaOutcome.ReadFailed };
                case OtaAttack.CmeError: return new[] { OtaOutcome.ReadFailed };
                case OtaAttack.Reboot: return new[] { OtaOutcome.ReadFailed, OtaOutcome.Md5Mismatch };
                case OtaAttack.Replay:
                case OtaAttack.StaleFirst:
                    if (c.At == 0)
                    {
                        return new[] { OtaOutcome.Installed }; // no earlier answer to replay
                    }
                    int previous = chunks[c.At - 1];
                    if (previous > n)
                    {
                        return new[] { OtaOutcome.ReadFailed }; // more bytes than asked
                    }
                    bool same = image.AsSpan((c.At - 1) * c.Chunk, n).SequenceEqual(image.AsSpan(c.At * c.Chunk, n));
                    return new[] { same ? OtaOutcome.Installed : OtaOutcome.Md5Mismatch };
                default:
                    return new[] { OtaOutcome.Installed };
            }
        }

        private static void Check(OtaCase c)
        {
            Run run = new Run(c);
            OtaOutcome[] expected = Expected(c, run.Image);
            OtaOutcome outcome = run.Updater.Run();
            string context = c + ": " + outcome + " (asked " + run.Module.Asked.Count + ", read " + run.Updater.BytesRead + ", same " + (run.Sink.Installed != null && run.Sink.Installed.AsSpan().SequenceEqual(run.Image)) + ")";
            Assert.True(expected.Contains(outcome), context + ", expected " + string.Join(" or ", expected));
            Assert.Null(run.Sink.Violation);
            bool begun = outcome != OtaOutcome.NoImage && outcome != OtaOutcome.BadImageInfo;
            Assert.True(run.Sink.Begins == (begun ? 1 : 0), context + ": begins " + run.Sink.Begins);
            Assert.True(run.Sink.Commits == (outcome == OtaOutcome.Installed ? 1 : 0), context + ": commits " + run.Sink.Commits);
            Assert.True(run.Sink.Aborts == run.Sink.Begins - run.Sink.Commits, context + ": aborts " + run.Sink.Aborts);
            if (outcome == OtaOutcome.Installed)
            {
                Assert.True(run.Sink.Installed.AsSpan().SequenceEqual(run.Image), context + ": installed bytes differ from the image");
                Assert.True(MD5.HashData(run.Sink.Installed).AsSpan().SequenceEqual(MD5.HashData(run.Image)), context);
                Assert.Equal(run.Image.Length, run.Updater.BytesRead);
                if (c.Attack == OtaAttack.None)
                {
                    Assert.True(run.Module.Asked.SequenceEqual(ChunksOf(c.Size, c.Chunk)), context + ": asked " + string.Join(",", run.Module.Asked));
                }
            }
            // Whatever the attack did, the next honest run installs the image exactly once (and a bad size never).
            run.Module.BeHonest();
            if (outcome == OtaOutcome.ReadFailed || outcome == OtaOutcome.Md5Mismatch)
            {
                run.Quiet(); // a cut or rebooted answer may have left a block open, as a retry at once would find it
            }
            int commits = run.Sink.Commits;
            OtaOutcome again = run.Updater.Run();
            bool fits = c.Size >= 1 && c.Size <= c.Capacity;
            Assert.True(again == (fits ? OtaOutcome.Installed : OtaOutcome.BadImageInfo), context + ", then honestly " + again);
            Assert.Null(run.Sink.Violation);
            Assert.Equal(commits + (fits ? 1 : 0), run.Sink.Commits);
            if (fits)
            {
                Assert.True(run.Sink.Installed.AsSpan().SequenceEqual(run.Image), context + ": the honest run stored other bytes");
            }
        }

        /// <summary>
        /// Honest modules: any image size (0, 1, chunk-1, chunk, chunk+1, the sink's capacity and one over), any chunk
        /// size, any fragmentation of the answers: the updater asks for exactly the reference's chunks and stores exactly
        /// the image, whose MD5 (the reference's, announced in +TCFWINFO) it matched.
        /// </summary>
        [Fact]
        public void AnyImageReadInAnyChunksAndFragmentsIsTheReferenceImage()
        {
            Prop.ForAll(Cases(Gen.Constant(OtaAttack.None)).ToArbitrary(), Check).Check(Runs(300));
        }

        /// <summary>A module answering chunks twice: a copy right behind the answer is ignored, a replayed or stale chunk fails the MD5.</summary>
        [Fact]
        public void ChunksAnsweredTwiceAreNeverStoredTwice()
        {
            Prop.ForAll(Cases(Gen.Elements(OtaAttack.Duplicate, OtaAttack.Replay, OtaAttack.StaleFirst)).ToArbitrary(), Check).Check(Runs(300));
        }

        /// <summary>Chunks spoiled on the wire (a flipped byte, short, long, cut, an error, a reboot): never committed, each named.</summary>
        [Fact]
        public void SpoiledChunksAreNeverCommitted()
        {
            Gen<OtaAttack> attacks = Gen.Elements(OtaAttack.FlipByte, OtaAttack.ShortAnswer, OtaAttack.LongAnswer, OtaAttack.CutAnswer,
                OtaAttack.CmeError, OtaAttack.Reboot);
            Prop.ForAll(Cases(attacks).ToArbitrary(), Check).Check(Runs(300));
        }

        /// <summary>A forged +TCFWINFO (size, MD5, maximum) or none: nothing committed, each named, and no byte read for an unusable one.</summary>
        [Fact]
        public void ForgedImageInfoIsNeverCommitted()
        {
            Gen<OtaAttack> attacks = Gen.Elements(OtaAttack.SizeLarger, OtaAttack.SizeSmaller, OtaAttack.WrongMd5, OtaAttack.GarbledMd5,
                OtaAttack.SizeOverMax, OtaAttack.NoImage);
            Prop.ForAll(Cases(attacks).ToArbitrary(), Check).Check(Runs(300));
        }

        /// <summary>The largest image the module holds (716800 bytes) in the largest chunks, fragmented: the reference image.</summary>
        [Fact]
        public void TheLargestImageIsTheReferenceImage()
        {
            Check(new OtaCase(716800, 4096, 716800, 64, OtaAttack.None, 0, 1, 17));
            Check(new OtaCase(716800, 4096, 716800, 5000, OtaAttack.FlipByte, 174, 4095, 18));
        }

        /// <summary>
        /// Defect pinned: a copy of a chunk's answer arriving right behind it (in the same UART read, before the
        /// updater's thread took the result) reset the engine's count of the chunk's bytes, so a good chunk read as
        /// empty and the transfer failed as ShortImage.
        /// </summary>
        [Fact]
        public void AChunkAnsweredTwiceInOneBreathKeepsItsLength()
        {
            Check(new OtaCase(128, 256, 6144, 7, OtaAttack.Duplicate, 0, 1, 239834245));
            Check(new OtaCase(3000, 1000, 6144, 5000, OtaAttack.Duplicate, 1, 1, 5));
        }

        // ---- into the package store, and back out by rollback ----

        private static byte[] StoredBytes(IPackageStorage storage, int sequence)
        {
            IByteSource source = storage.Open(sequence);
            try
            {
                byte[] bytes = new byte[source.Length];
                Assert.Equal(bytes.Length, source.ReadAt(0, bytes, 0, bytes.Length));
                return bytes;
            }
            finally
            {
                source.Close();
            }
        }

        /// <summary>
        /// The board's real store (PackageFileSink, FilePackageStorage, BootManager) with 1.0.0 installed and proven:
        /// whatever the module does to the download of 2.0.0, the boot choice stays 1.0.0 unless exactly 2.0.0's
        /// package was committed; the honest run after it (resuming the part the attack left) commits 2.0.0 byte for
        /// byte, on trial; and 2.0.0 never proving healthy rolls back to 1.0.0, byte for byte.
        /// </summary>
        [Fact]
        public void OnlyTheVerifiedPackageIsInstalledAndRollbackRestoresThePreviousOne()
        {
            Gen<OtaAttack> attacks = Gen.Elements(Enum.GetValues<OtaAttack>());
            Gen<(int Files, int Chunk, int Fragment, OtaAttack Attack, int At, int Param, int Seed)> cases =
                from files in Gen.Choose(1, 3)
                from chunk in Gen.OneOf(Gen.Elements(64, 1000, 4096), Gen.Choose(16, 4096))
                from fragment in Gen.Elements(1, 7, 5000)
                from attack in attacks
                from at in Gen.Choose(0, 30)
                from param in Gen.Choose(1, 3000)
                from seed in Gen.Choose(0, int.MaxValue)
                select (files, chunk, fragment, attack, at, param, seed);
            Prop.ForAll(cases.ToArbitrary(), c =>
            {
                using TempFolder folder = TempFolder.Create("ota-props-");
                FilePackageStorage storage = new FilePackageStorage(folder.Path);
                Random random = new Random(c.Seed);
                byte[] Package(string version) => Support.PackageBytes.Build(version,
                    Enumerable.Range(0, c.Files).Select(i => "app" + i + ".pe").ToArray(),
                    Enumerable.Range(0, c.Files).Select(i => Support.PackageBytes.Bytes(random.Next(1, 12000), random.Next())).ToArray());
                byte[] v1 = Package("1.0.0");
                byte[] v2 = Package("2.0.0");
                BootManager boot = new BootManager(storage, new PackageReader(), 2);

                PackageFileSink sink = new PackageFileSink(storage, 200000);
                OtaCase first = new OtaCase(v1.Length, c.Chunk, 200000, c.Fragment, OtaAttack.None, 0, 1, c.Seed);
                Assert.Equal(OtaOutcome.Installed, new Run(first, v1, sink).Updater.Run());
                int good = boot.Choose();
                boot.Confirm(good);

                OtaCase attacked = new OtaCase(v2.Length, c.Chunk, 200000, c.Fragment, c.Attack, c.At % ((v2.Length + c.Chunk - 1) / c.Chunk), c.Param, c.Seed);
                Run run = new Run(attacked, v2, sink);
                run.Module.Version = "2.0.0";
                OtaOutcome outcome = run.Updater.Run();
                Assert.True(Expected(attacked, v2).Contains(outcome), attacked + ": " + outcome);
                int chosen = boot.Choose();
                if (outcome != OtaOutcome.Installed)
                {
                    Assert.True(chosen == good && !boot.OnTrial, attacked + ": a refused download changed the boot choice");
                    run.Module.BeHonest();
                    if (outcome == OtaOutcome.ReadFailed || outcome == OtaOutcome.Md5Mismatch)
                    {
                        run.Quiet();
                    }
                    Assert.Equal(OtaOutcome.Installed, run.Updater.Run());
                    chosen = boot.Choose();
                }
                Assert.True(chosen != good && boot.OnTrial && boot.ChosenVersion == "2.0.0", attacked + ": 2.0.0 is not on trial");
                Assert.Equal(v2, StoredBytes(storage, chosen));
                Assert.Equal(sink.Committed, chosen);
                Assert.Equal(chosen, boot.Choose()); // its second trial boot, never confirmed
                Assert.Equal(good, boot.Choose()); // rolled back
                Assert.False(boot.OnTrial);
                Assert.Equal("1.0.0", boot.ChosenVersion);
                Assert.Equal(v1, StoredBytes(storage, good));
            }).Check(Runs(120));
        }

        // ---- the chunk hasher alone ----

        private sealed class ThrowingSink : IFirmwareSink
        {
            public readonly List<byte> Written = new List<byte>();
            public int FailAtWrite = -1;
            private int _writes;
            public int Capacity => int.MaxValue;
            public int Begin(string version, int size, string md5) => 0;

            public void Write(byte[] buffer, int offset, int count)
            {
                if (_writes++ == FailAtWrite)
                {
                    throw new System.IO.IOException("flash full");
                }
                Written.AddRange(new ArraySegment<byte>(buffer, offset, count));
            }

            public void Commit()
            {
            }

            public void Abort()
            {
            }
        }

        /// <summary>
        /// Any image cut into any chunks (each at most the hasher's chunk size, handed over from any offset of a reused
        /// buffer that is overwritten right after): the digest is System.Security.Cryptography.MD5's over the whole image,
        /// and the sink holds the image; a sink failing at write k is rethrown by the next Submit or Finish, never lost.
        /// </summary>
        [Fact]
        public void TheChunkHasherDigestsAnyCutOfTheImageAsTheReference()
        {
            Gen<(int Size, int Chunk, int Seed, int Fail)> cases =
                from chunk in Gen.Choose(1, 4096)
                from size in Gen.OneOf(Gen.Elements(0, 1, 55, 56, 63, 64, 65), Gen.Choose(0, 40000))
                from seed in Gen.Choose(0, int.MaxValue)
                from fail in Gen.OneOf(Gen.Constant(-1), Gen.Choose(0, 20))
                select (size, chunk, seed, fail);
            Prop.ForAll(cases.ToArbitrary(), c =>
            {
                Random random = new Random(c.Seed);
                byte[] image = new byte[c.Size];
                random.NextBytes(image);
                Md5 md5 = new Md5();
                ChunkHasher hasher = new ChunkHasher(md5, c.Chunk);
                ThrowingSink sink = new ThrowingSink { FailAtWrite = c.Fail };
                byte[] buffer = new byte[c.Chunk + 16];
                hasher.Start(sink);
                bool thrown = false;
                int writes = 0;
                try
                {
                    for (int at = 0; at < image.Length;)
                    {
                        int n = Math.Min(image.Length - at, 1 + random.Next(c.Chunk));
                        int offset = random.Next(buffer.Length - n + 1);
                        Array.Copy(image, at, buffer, offset, n);
                        hasher.Submit(buffer, offset, n);
                        writes++;
                        random.NextBytes(buffer); // the updater reads the next chunk into the same buffer at once
                        at += n;
                    }
                    hasher.Finish();
                }
                catch (System.IO.IOException)
                {
                    thrown = true;
                }
                finally
                {
                    hasher.Stop();
                }
                Assert.Equal(c.Fail >= 0 && c.Fail < writes, thrown);
                if (!thrown)
                {
                    byte[] digest = new byte[16];
                    md5.Final(digest, 0);
                    Assert.Equal(MD5.HashData(image), digest);
                    Assert.Equal(image, sink.Written.ToArray());
                }
            }).Check(Runs(300));
        }
    }
}
