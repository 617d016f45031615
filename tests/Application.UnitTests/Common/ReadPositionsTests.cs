using Slots.Application.Common;

namespace Slots.Application.UnitTests.Common;

public class ReadPositionsTests
{
    [Theory]
    [InlineData("0/0")]
    [InlineData("16/B374D848")]
    [InlineData("ffffffff/ffffffff")]
    [InlineData(ReadPositions.Unknown)]
    public void A_commit_position_is_two_hexadecimal_numbers_of_up_to_32_bits(string token) =>
        Assert.True(ReadPositions.IsValid(token));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("16")]
    [InlineData("16/")]
    [InlineData("/1")]
    [InlineData("123456789/0")]
    [InlineData("0/123456789")]
    [InlineData("G/0")]
    [InlineData("0x1/2")]
    [InlineData(" 0/1")]
    [InlineData("0/1\n")] // a regular expression's $ would let this one through
    [InlineData("0/1/2")]
    [InlineData("٣/1")] // an Arabic-Indic digit: a digit, not a hexadecimal one
    public void Anything_else_is_not(string? token) => Assert.False(ReadPositions.IsValid(token));

    [Fact]
    public void The_unknown_position_is_the_last_one_a_token_can_name() =>
        Assert.Equal(ReadPositions.MaxLength, ReadPositions.Unknown.Length);
}
