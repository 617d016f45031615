using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slots.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SlotOwnerBySubject : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A slot belongs to the (issuer, subject) that created it. Slots from before get an empty owner, which no
            // token has: until an admin re-creates them for their specialist, only admins manage them.
            migrationBuilder.Sql("UPDATE slots SET specialist_id = '' WHERE specialist_id IS NULL;");
            migrationBuilder.AlterColumn<string>(
                name: "specialist_id",
                table: "slots",
                type: "character varying(128)",
                maxLength: 128,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(128)",
                oldMaxLength: 128,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "specialist_issuer",
                table: "slots",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "specialist_issuer",
                table: "slots");

            migrationBuilder.AlterColumn<string>(
                name: "specialist_id",
                table: "slots",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(128)",
                oldMaxLength: 128);
        }
    }
}
