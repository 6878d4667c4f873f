-- MySQL dump 10.13  Distrib 8.0.36
CREATE TABLE `integrations` (
  `id` int NOT NULL AUTO_INCREMENT,
  `name` varchar(64) NOT NULL,
  `config` json DEFAULT NULL,
  PRIMARY KEY (`id`)
);
INSERT INTO `integrations` VALUES (1,'slack','{"token": "xoxb-359015267059-6212113317754-YuuWw7u91tbhZejZSlG7ZY3M"}');
INSERT INTO `integrations` VALUES (2,'warehouse','{"url": "postgres://etl:WmHyraEzT2hVBvmTv6B5QN9@warehouse.acme.io:5432/dw"}');
