using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace TcAtMcu.DeviceRun
{
    /// <summary>
    /// nanoCLR's limit on one assembly's string table, and two ways to measure a table: exactly from a .pe, and as a
    /// conservative estimate from the .dll it is made of (for CI, which has no MetadataProcessor).
    /// </summary>
    /// <remarks>
    /// In a .pe every name (assembly, type, namespace, field, method, member reference) and every string literal is a
    /// 16-bit byte offset into the assembly's string table (CLR_STRING). nanoCLR reads an offset of
    /// 0xFFFF - 860 = 64,675 or more as an entry of its own built-in table of 860 strings (nf-interpreter
    /// src/CLR/Core/StringTable.cpp, CLR_RT_Assembly::GetString; c_CLR_StringTable_Size in StringTableData.cpp), so a
    /// string that begins there reads as another string. MetadataProcessor writes the assembly's own name last, so it
    /// breaks first (NFUnitTest reads as "Pop" and UnitTestLauncher finds no test assembly); at 65,536 bytes
    /// MetadataProcessor refuses the assembly.
    /// </remarks>
    public static class StringTable
    {
        public const int BuiltInStrings = 860;

        /// <summary>The first offset nanoCLR reads as a built-in string: every string must begin below it.</summary>
        public const int FirstBuiltInOffset = 0xFFFF - BuiltInStrings;

        /// <summary>Where the host guard fails: about 10 % below the limit, room for one round of new tests.</summary>
        public const int GuardBytes = 58000;

        public static string Limit =>
            "nanoCLR reads a string offset of " + FirstBuiltInOffset.ToString("N0") + " (0xFFFF - " + BuiltInStrings
            + ") or more as one of its own " + BuiltInStrings + " built-in strings, so every name and string literal of one "
            + "assembly must begin below byte " + FirstBuiltInOffset.ToString("N0") + " of its string table";

        /// <summary>What a .pe's header and string table say (nanoCLR's CLR_RECORD_ASSEMBLY).</summary>
        public sealed class PeStrings
        {
            /// <summary>Bytes of the string table (TBL_Strings), padding excluded.</summary>
            public int Size;

            /// <summary>Offset of the last string in the table: the highest offset any string has.</summary>
            public int LastStart;

            /// <summary>Offset of the assembly's own name.</summary>
            public int NameOffset;

            public bool Fits => LastStart < FirstBuiltInOffset && NameOffset < FirstBuiltInOffset;
        }

        private const int TblStrings = 0x0B;
        private const int OffsetOfName = 36;
        private const int OffsetOfTables = 40;
        private const int TableCount = 16;
        private const int OffsetOfPadding = OffsetOfTables + TableCount * 4 + 4;

        public static PeStrings FromPe(string pePath)
        {
            byte[] pe = File.ReadAllBytes(pePath);
            if (pe.Length < OffsetOfPadding + TableCount || Encoding.ASCII.GetString(pe, 0, 5) != "NFMRK")
            {
                throw new InvalidDataException(pePath + " is not a nanoFramework .pe (no NFMRK marker)");
            }
            int start = (int)BitConverter.ToUInt32(pe, OffsetOfTables + TblStrings * 4);
            int end = (int)BitConverter.ToUInt32(pe, OffsetOfTables + (TblStrings + 1) * 4) - pe[OffsetOfPadding + TblStrings];
            int lastStart = 0;
            for (int i = start; i < end - 1; i++)
            {
                if (pe[i] == 0)
                {
                    lastStart = i + 1 - start;
                }
            }
            return new PeStrings { Size = end - start, LastStart = lastStart, NameOffset = BitConverter.ToUInt16(pe, OffsetOfName) };
        }

        /// <summary>
        /// The string table MetadataProcessor would build from this .dll, from above: every distinct name its tables
        /// keep (assembly, assembly references, types and their namespaces, fields but constants, methods, member
        /// references), every user string and the strings of custom attributes' arguments, as NUL-terminated UTF-8.
        /// MetadataProcessor takes the strings nanoCLR has built in from its own table and drops what is unused, so
        /// the real table is a little smaller.
        /// </summary>
        public static int EstimateFromDll(byte[] dll)
        {
            using PEReader pe = new PEReader(new MemoryStream(dll));
            MetadataReader md = pe.GetMetadataReader();
            HashSet<string> strings = new HashSet<string>(StringComparer.Ordinal) { "", md.GetString(md.GetAssemblyDefinition().Name) };
            foreach (AssemblyReferenceHandle h in md.AssemblyReferences)
            {
                strings.Add(md.GetString(md.GetAssemblyReference(h).Name));
            }
            foreach (TypeReferenceHandle h in md.TypeReferences)
            {
                TypeReference t = md.GetTypeReference(h);
                strings.Add(md.GetString(t.Name));
                strings.Add(md.GetString(t.Namespace));
            }
            foreach (TypeDefinitionHandle h in md.TypeDefinitions)
            {
                TypeDefinition t = md.GetTypeDefinition(h);
                strings.Add(md.GetString(t.Name));
                strings.Add(md.GetString(t.Namespace));
            }
            foreach (FieldDefinitionHandle h in md.FieldDefinitions)
            {
                // A const (and an enum's member) is compiled into the code that uses it: MetadataProcessor keeps no name.
                FieldDefinition f = md.GetFieldDefinition(h);
                if ((f.Attributes & System.Reflection.FieldAttributes.Literal) == 0)
                {
                    strings.Add(md.GetString(f.Name));
                }
            }
            foreach (MethodDefinitionHandle h in md.MethodDefinitions)
            {
                strings.Add(md.GetString(md.GetMethodDefinition(h).Name));
            }
            foreach (MemberReferenceHandle h in md.MemberReferences)
            {
                strings.Add(md.GetString(md.GetMemberReference(h).Name));
            }
            for (UserStringHandle h = md.GetHeapSize(HeapIndex.UserString) > 1 ? MetadataTokens.UserStringHandle(1) : default; !h.IsNil; h = md.GetNextHandle(h))
            {
                strings.Add(md.GetUserString(h));
            }
            foreach (CustomAttributeHandle h in md.CustomAttributes)
            {
                AttributeStrings(md, md.GetCustomAttribute(h), strings);
            }
            int bytes = 0;
            foreach (string s in strings)
            {
                bytes += Encoding.UTF8.GetByteCount(s) + 1;
            }
            return bytes;
        }

        public static int EstimateFromDll(string dllPath) => EstimateFromDll(File.ReadAllBytes(dllPath));

        /// <summary>
        /// MetadataProcessor writes an attribute's string arguments (a [DataRow]'s strings), the names of its named
        /// arguments and its typeof arguments into the string table too.
        /// </summary>
        private static void AttributeStrings(MetadataReader md, CustomAttribute attribute, HashSet<string> strings)
        {
            CustomAttributeValue<string> value;
            try
            {
                value = attribute.DecodeValue(new AttributeTypes());
            }
            catch (Exception e) when (e is BadImageFormatException || e is InvalidOperationException || e is ArgumentException)
            {
                // An enum argument of another size than int: count the whole blob as one string, from above.
                strings.Add(Convert.ToHexString(md.GetBlobBytes(attribute.Value)));
                return;
            }
            foreach (CustomAttributeTypedArgument<string> a in value.FixedArguments)
            {
                ArgumentStrings(a, strings);
            }
            foreach (CustomAttributeNamedArgument<string> a in value.NamedArguments)
            {
                strings.Add(a.Name ?? "");
                ArgumentStrings(new CustomAttributeTypedArgument<string>(a.Type, a.Value), strings);
            }
        }

        private static void ArgumentStrings(CustomAttributeTypedArgument<string> argument, HashSet<string> strings)
        {
            if (argument.Value is string text)
            {
                strings.Add(text);
            }
            else if (argument.Value is System.Collections.Immutable.ImmutableArray<CustomAttributeTypedArgument<string>> items)
            {
                foreach (CustomAttributeTypedArgument<string> item in items)
                {
                    ArgumentStrings(item, strings);
                }
            }
        }

        /// <summary>Names types as text: enough to decode an attribute's arguments.</summary>
        private sealed class AttributeTypes : ICustomAttributeTypeProvider<string>
        {
            public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
            public string GetSystemType() => "System.Type";
            public string GetSZArrayType(string elementType) => elementType + "[]";
            public string GetTypeFromSerializedName(string name) => name;
            public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;
            public bool IsSystemType(string type) => type == "System.Type";

            public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
            {
                TypeDefinition t = reader.GetTypeDefinition(handle);
                return reader.GetString(t.Namespace) + "." + reader.GetString(t.Name);
            }

            public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
            {
                TypeReference t = reader.GetTypeReference(handle);
                return reader.GetString(t.Namespace) + "." + reader.GetString(t.Name);
            }
        }
    }
}
