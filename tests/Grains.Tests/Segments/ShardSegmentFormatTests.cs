using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using RadiologyNet.Grains.Shards;

namespace RadiologyNet.Grains.Tests.Segments;

public sealed class ShardSegmentFormatTests
{
    private static ShardBlock Block()
    {
        var rows = Enumerable.Range(0, 9).Select(i => SegmentRows.Row(i, 5)).ToList();
        rows[0] = rows[0] with { Fused = [float.NaN, -0f, float.Epsilon, float.PositiveInfinity, BitConverter.Int32BitsToSingle(0x7FC0_1234)] };
        rows[1] = rows[1] with { StudyInstanceUid = "", Modality = "", Region = "", Manufacturer = "" };
        rows[2] = rows[2] with { Manufacturer = "Ärzte-Gerät 東芝 ✓", Region = "BRUST" };
        return ShardBlock.Of(rows, 0);
    }

    [Fact]
    public async Task A_segment_reads_back_bit_exact_with_every_string_and_flag()
    {
        var block = Block();
        var read = await ShardSegmentFormat.ReadAsync(new MemoryStream(ShardSegmentFormat.Encode(block)), firstRow: 4096);

        Assert.Equal(4096, read.FirstRow);
        Assert.Equal(block.Rows, read.Rows);
        Assert.Equal(block.Dimension, read.Dimension);
        Assert.True(MemoryMarshal.AsBytes(block.Vectors.Span).SequenceEqual(MemoryMarshal.AsBytes(read.Vectors.Span)));
        Assert.Equal(block.SopInstanceUids, read.SopInstanceUids);
        Assert.Equal(block.StudyInstanceUids, read.StudyInstanceUids);
        Assert.Equal(block.Modalities, read.Modalities);
        Assert.Equal(block.Regions, read.Regions);
        Assert.Equal(block.Manufacturers, read.Manufacturers);
        Assert.Equal(block.HasReport, read.HasReport);
        Assert.Equal("", read.Modalities[1]);
        Assert.Equal("Ärzte-Gerät 東芝 ✓", read.Manufacturers[2]);
    }

    [Fact]
    public async Task The_index_read_gives_the_uids_in_order_and_the_dimension()
    {
        var block = Block();
        var (uids, dimension) = await ShardSegmentFormat.ReadSopInstanceUidsAsync(new MemoryStream(ShardSegmentFormat.Encode(block)));
        Assert.Equal(block.SopInstanceUids, uids);
        Assert.Equal(5, dimension);
    }

    [Fact]
    public async Task A_segment_is_a_plain_arrow_stream_with_a_fixed_size_float_list_column()
    {
        using var reader = new ArrowStreamReader(new MemoryStream(ShardSegmentFormat.Encode(Block())));
        using var batch = await reader.ReadNextRecordBatchAsync();
        var vectors = Assert.IsType<FixedSizeListArray>(batch.Column("vector"));
        Assert.Equal(9, vectors.Length);
        Assert.Equal(5 * 9, vectors.Values.Length);
        Assert.Equal("2.25.3", ((StringArray)batch.Column("sop_instance_uid")).GetString(3));
    }

    [Fact]
    public async Task Another_arrow_stream_is_refused_as_not_a_segment()
    {
        var column = new Int32Array.Builder().Append(1).Build();
        var schema = new Schema.Builder().Field(f => f.Name("x").DataType(Apache.Arrow.Types.Int32Type.Default)).Build();
        var bytes = new MemoryStream();
        using (var writer = new ArrowStreamWriter(bytes, schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(new RecordBatch(schema, [column], 1));
            writer.WriteEnd();
        }
        bytes.Position = 0;
        await Assert.ThrowsAsync<InvalidDataException>(() => ShardSegmentFormat.ReadAsync(bytes, 0));
    }
}
