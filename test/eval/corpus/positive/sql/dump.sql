-- MySQL dump 10.13  Distrib 8.0.36
CREATE TABLE `integrations` (
  `id` int NOT NULL AUTO_INCREMENT,
  `name` varchar(64) NOT NULL,
  `config` json DEFAULT NULL,
  PRIMARY KEY (`id`)
);
INSERT INTO `integrations` VALUES (1,'slack','{"token": "xoxb-141634145130-2181476954508-yZqON88H0snCyJIDxan32W3F"}');
INSERT INTO `integrations` VALUES (2,'warehouse','{"url": "postgres://etl:Kpm590oVyqxOXtDfXTKWKK6@warehouse.acme.io:5432/dw"}');
