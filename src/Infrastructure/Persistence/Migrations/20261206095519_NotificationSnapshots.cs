using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Slots.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class NotificationSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Outside the EF model (see NotificationQueue): the booking as the fan-out saw it, for a message whose booking is
            // gone by the time it is sent, and its customer's id, for an erasure.
            migrationBuilder.Sql("ALTER TABLE notifications ADD COLUMN customer_id text, ADD COLUMN snapshot json;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE notifications DROP COLUMN snapshot, DROP COLUMN customer_id;");
        }
    }
}
