using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slots.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SlotSeries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "series_id",
                table: "slots",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_slots_series",
                table: "slots",
                column: "series_id",
                filter: "series_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_slots_series",
                table: "slots");

            migrationBuilder.DropColumn(
                name: "series_id",
                table: "slots");
        }
    }
}
