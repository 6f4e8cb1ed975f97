using System;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using TcAtMcu.Ota;

namespace TcAtMcu.Benchmarks
{
    /// <summary>The firmware's incremental MD5 against .NET's over a 500 KB image fed in 4 KB chunks.</summary>
    [MemoryDiagnoser]
    public class Md5Benchmarks
    {
        private const int ImageSize = 500 * 1024;
        private const int Chunk = 4096;
        private byte[] _image;
        private readonly byte[] _digest = new byte[16];
        private readonly Md5 _md5 = new Md5();
        private IncrementalHash _dotnet;

        [GlobalSetup]
        public void Setup()
        {
            _image = new byte[ImageSize];
            new Random(1321).NextBytes(_image);
            _dotnet = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        }

        [Benchmark(Baseline = true)]
        public int DotNetMd5()
        {
            for (int i = 0; i < ImageSize; i += Chunk)
            {
                _dotnet.AppendData(_image, i, Math.Min(Chunk, ImageSize - i));
            }
            return _dotnet.GetHashAndReset(_digest);
        }

        [Benchmark]
        public int FirmwareMd5()
        {
            for (int i = 0; i < ImageSize; i += Chunk)
            {
                _md5.Update(_image, i, Math.Min(Chunk, ImageSize - i));
            }
            _md5.Final(_digest, 0);
            return _digest[0];
        }
    }
}
